package dev.funnel.automation;

/**
 * The built-in rules, each with what its threshold counts. A rule fires once per subject and occurrence of the
 * situation: the deal's entry into its stage, the date that passed, the customer's last follow-up, the task's
 * due date, the request.
 */
public enum RuleCode {
    /** An open deal longer in its stage than the stage's limit: remind the owner. No threshold of its own. */
    STALLED_DEAL(Unit.NONE),
    /** Still there the threshold's days after the limit: tell the owner's manager. */
    STALLED_DEAL_ESCALATION(Unit.DAYS),
    /** An open deal whose expected close date has passed: remind the owner. */
    CLOSE_DATE_PASSED(Unit.NONE),
    /** A customer without a follow-up for the threshold's days (counted from the owner taking it, at the
     * earliest): remind the owner. */
    NO_FOLLOW_UP(Unit.DAYS),
    /** An open task past its due date: remind the assignee. */
    TASK_OVERDUE(Unit.NONE),
    /** Still open the threshold's days after its due date: tell the assignee's manager. */
    TASK_OVERDUE_ESCALATION(Unit.DAYS),
    /** A registration request waiting longer than the threshold's hours: remind its approver. */
    REGISTRATION_WAITING(Unit.HOURS);

    /** What a rule's threshold counts. */
    public enum Unit {
        NONE, DAYS, HOURS
    }

    private final Unit unit;

    RuleCode(Unit unit) {
        this.unit = unit;
    }

    public Unit unit() {
        return unit;
    }

    /** The rule's name in bundle keys: {@code stalled-deal}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The key of the rule's name in the bundles. */
    public String labelKey() {
        return "automation.rule." + slug();
    }

    /** The key of the reminder it sends. */
    public String messageKey() {
        return "notification.rule." + slug();
    }

    /** The key of the one reminder that stands for many of a run: the count and the first few subjects. */
    public String summaryKey() {
        return messageKey() + ".summary";
    }

    /** Where a summary leads: the list that shows all of its subjects. */
    public String listLink() {
        return switch (this) {
            case STALLED_DEAL, STALLED_DEAL_ESCALATION, CLOSE_DATE_PASSED -> "opportunities";
            case NO_FOLLOW_UP -> "customers";
            case TASK_OVERDUE, TASK_OVERDUE_ESCALATION -> "tasks";
            case REGISTRATION_WAITING -> "registrations";
        };
    }

    /** Which of a reminder's arguments names its subject for a summary: the deal, the customer. */
    public int subjectArgument() {
        return this == TASK_OVERDUE || this == TASK_OVERDUE_ESCALATION ? 2 : 0;
    }
}
