package dev.funnel.plugin.api;

/**
 * Who a key selling activity's task goes to when an opportunity enters the stage.
 *
 * @since 1.0.0
 */
public enum AssigneeRole {
    /** The opportunity's owner. */
    OWNER,
    /** The pre-sales person chosen on the opportunity, falling back to the owner. */
    PRE_SALES,
    /** The manager of the owner's team. */
    MANAGER
}
