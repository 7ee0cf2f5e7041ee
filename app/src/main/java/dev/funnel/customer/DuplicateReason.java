package dev.funnel.customer;

/** Why an existing customer looks like the one being entered. */
public enum DuplicateReason {
    /** The same unified social credit code: the same legal entity, so saving is refused. */
    CREDIT_CODE,
    /** The same name once legal form, width, punctuation, spaces and case are set aside. */
    NAME,
    /** The same phone number, on the customer or one of its contacts. */
    PHONE,
    /** The same e-mail address, on the customer or one of its contacts. */
    EMAIL,
    /** The credit code the business registry gives for the name being entered (工商信息). */
    REGISTERED_NAME
}
