package dev.funnel.identity;

/**
 * One person of an import. Only the full name is required: a missing username is made from the name, a missing
 * role is 'sales rep'. A manager named here who is neither a user nor another row is created as a sales manager,
 * with a team of their own (named after them unless a team is given) under the parent team, if one is given.
 *
 * @param line         the line of the file the row came from, for messages that point at another row
 * @param password     the password to sign in with, or null
 * @param passwordHash instead of a password, the hash another system stored for it, in the form Funnel stores
 *                     ({@code {bcrypt}$2a$10$...}): people moved from that system keep signing in with the password
 *                     they know, which nobody has to read or send them
 */
public record UserImport(int line, String username, String fullName, String email, Role role, String teamName,
                         String managerName, String parentTeamName, String password, String passwordHash) {

    /** A person without a password hash. */
    public UserImport(int line, String username, String fullName, String email, Role role, String teamName,
                      String managerName, String parentTeamName, String password) {
        this(line, username, fullName, email, role, teamName, managerName, parentTeamName, password, null);
    }
}
