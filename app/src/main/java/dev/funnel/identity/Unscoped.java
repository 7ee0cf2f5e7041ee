package dev.funnel.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository read of customer-owned data that takes no {@link VisibleScope}, and says why that is safe
 * (for example: the service checked the customer's visibility first; or: the automation reads every deal on
 * purpose). Every other such read takes the caller's scope; ArchitectureTest fails the build when a read has
 * neither.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Unscoped {

    /** Why this read may see records outside the caller's scope. */
    String value();
}
