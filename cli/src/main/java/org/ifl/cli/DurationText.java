package org.ifl.cli;

import io.micronaut.core.convert.ConversionService;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration option, checked as the service will read it (Micronaut's conversion: 500ms, 30m, 1h, 1d, or ISO 8601
 * PT1H) and kept as given, so that a typo is a usage error, not a failed start.
 */
final class DurationText implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        if (ConversionService.SHARED.convert(value, Duration.class).isEmpty()) {
            throw new TypeConversionException("'" + value + "' is not a duration (500ms, 30m, 1h, 1d, ISO 8601 PT1H)");
        }
        return value;
    }
}
