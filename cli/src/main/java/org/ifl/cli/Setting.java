package org.ifl.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The service setting an option sets, e.g. {@code ifl.lid.threads}. Given on the command line, the option wins over
 * the environment and the service's yml; not given, it leaves them in force. Its default in {@code --help} is the
 * yml's ({@link ServiceDefaults}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Setting {
    String value();
}
