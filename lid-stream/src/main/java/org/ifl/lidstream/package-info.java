/**
 * Language-identification stream: labels every completion's language and scores it, from
 * {@code eval.completions} to {@code eval.labeled}. Built in its own issue; this module so far only fixes its
 * place in the build.
 */
package org.ifl.lidstream;
