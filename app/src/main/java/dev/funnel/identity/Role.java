package dev.funnel.identity;

/** The three roles. Spring authorities carry them as {@code ROLE_<name>}. */
public enum Role {
    ADMIN,
    SALES_MANAGER,
    SALES_REP;

    /** Names for {@code @RolesAllowed}, which needs compile-time constants. */
    public static final class Names {
        public static final String ADMIN = "ADMIN";
        public static final String SALES_MANAGER = "SALES_MANAGER";
        public static final String SALES_REP = "SALES_REP";

        private Names() {
        }
    }
}
