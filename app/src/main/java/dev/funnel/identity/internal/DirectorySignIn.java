package dev.funnel.identity.internal;

import dev.funnel.identity.DirectoryUnavailableException;
import dev.funnel.identity.SignInSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.env.Environment;
import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.AbstractLdapAuthenticationProvider;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.authentication.LdapAuthenticationProvider;
import org.springframework.security.ldap.authentication.ad.ActiveDirectoryLdapAuthenticationProvider;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;
import org.springframework.security.ldap.userdetails.UserDetailsContextMapper;
import org.springframework.stereotype.Component;

/**
 * Sign-in with the company directory, on when FUNNEL_LDAP_URL is set: LDAP (a bind as the person, found by a
 * pattern or a search, and their groups searched) or Active Directory (FUNNEL_LDAP_AD_DOMAIN: a bind as
 * user@domain, and their groups read from memberOf). Spring Security checks the password; Funnel maps the groups
 * to roles (FUNNEL_LDAP_ROLES) and keeps the account in step (docs/operations.md, "Single sign-on").
 */
@Component
@ConditionalOnExpression("!'${funnel.ldap.url:}'.isBlank()")
class DirectorySignIn {

    private static final Logger log = LoggerFactory.getLogger(DirectorySignIn.class);

    /** A directory that does not answer must not hold a sign-in (and its stripe) for long. */
    private static final Map<String, Object> TIMEOUTS = Map.of(
            "com.sun.jndi.ldap.connect.timeout", "5000",
            "com.sun.jndi.ldap.read.timeout", "10000");

    /**
     * The attributes read of the person: their ordinary ones, and the id the directory never changes (LDAP's
     * operational entryUUID is sent only when asked for; Active Directory's objectGUID always is).
     */
    private static final String[] PERSON_ATTRIBUTES = {"*", "entryUUID"};

    private final AbstractLdapAuthenticationProvider directory;
    private final RoleMapping roles;
    private final ExternalAccounts accounts;

    DirectorySignIn(Environment settings, ExternalAccounts accounts) {
        this.accounts = accounts;
        this.roles = RoleMapping.parse(settings.getProperty("funnel.ldap.roles"), "FUNNEL_LDAP_ROLES");
        String url = settings.getRequiredProperty("funnel.ldap.url").trim();
        String domain = settings.getProperty("funnel.ldap.active-directory-domain", "").trim();
        String usernameAttribute = settings.getProperty("funnel.ldap.username-attribute", "").trim();
        DirectoryPersonMapper mapper = new DirectoryPersonMapper(
                usernameAttribute.isEmpty() ? (domain.isEmpty() ? "uid" : "sAMAccountName") : usernameAttribute,
                settings.getProperty("funnel.ldap.name-attribute", "displayName").trim(),
                settings.getProperty("funnel.ldap.mail-attribute", "mail").trim());
        if (domain.isEmpty()) {
            this.directory = ldap(settings, url, mapper);
        } else {
            ActiveDirectoryLdapAuthenticationProvider ad = new ActiveDirectoryLdapAuthenticationProvider(domain, url,
                    blankToNull(settings.getProperty("funnel.ldap.base")));
            ad.setConvertSubErrorCodesToExceptions(true);
            Map<String, Object> environment = new java.util.HashMap<>(TIMEOUTS);
            // else JNDI hands the GUID over as text decoded from bytes that are not text
            environment.put("java.naming.ldap.attributes.binary", "objectGUID");
            ad.setContextEnvironmentProperties(environment);
            ad.setUserDetailsContextMapper(mapper);
            this.directory = ad;
        }
        log.info("Sign-in with the directory at {} is on", url);
    }

    private static LdapAuthenticationProvider ldap(Environment settings, String url, DirectoryPersonMapper mapper) {
        DefaultSpringSecurityContextSource source = new DefaultSpringSecurityContextSource(url);
        String bindDn = settings.getProperty("funnel.ldap.bind-dn", "").trim();
        if (!bindDn.isEmpty()) {
            source.setUserDn(bindDn);
            source.setPassword(settings.getProperty("funnel.ldap.bind-password", ""));
        }
        source.setBaseEnvironmentProperties(TIMEOUTS);
        source.afterPropertiesSet();

        BindAuthenticator bind = new BindAuthenticator(source);
        String pattern = settings.getProperty("funnel.ldap.user-dn-pattern", "").trim();
        if (pattern.isEmpty()) {
            FilterBasedLdapUserSearch search = new FilterBasedLdapUserSearch(settings.getProperty(
                    "funnel.ldap.user-search-base", ""), settings.getProperty("funnel.ldap.user-search-filter",
                    "(uid={0})"), source);
            search.setReturningAttributes(PERSON_ATTRIBUTES);
            bind.setUserSearch(search);
        } else {
            bind.setUserDnPatterns(new String[] {pattern});
        }
        bind.setUserAttributes(PERSON_ATTRIBUTES);
        bind.afterPropertiesSet();

        DefaultLdapAuthoritiesPopulator groups = new DefaultLdapAuthoritiesPopulator(source,
                settings.getProperty("funnel.ldap.group-search-base", ""));
        groups.setGroupSearchFilter(settings.getProperty("funnel.ldap.group-search-filter", "(member={0})"));
        groups.setGroupRoleAttribute(settings.getProperty("funnel.ldap.group-name-attribute", "cn"));
        groups.setSearchSubtree(true);
        groups.setRolePrefix("");
        groups.setConvertToUpperCase(false);
        groups.setIgnorePartialResultException(true);

        LdapAuthenticationProvider provider = new LdapAuthenticationProvider(bind, groups);
        provider.setUserDetailsContextMapper(mapper);
        return provider;
    }

    /**
     * Checks the password with the directory and returns the Funnel account it stands for, created or brought up
     * to date. A wrong password is Spring's BadCredentialsException, counted by the throttle like a local one.
     */
    Authentication signIn(Authentication attempt) {
        Authentication checked;
        try {
            checked = directory.authenticate(attempt);
        } catch (InternalAuthenticationServiceException | org.springframework.ldap.NamingException
                 | org.springframework.dao.IncorrectResultSizeDataAccessException e) {
            // not the person's fault: the directory is down or slow, refuses Funnel's own bind, or its search
            // for the person is ambiguous (two entries with one name)
            log.warn("The directory could not check a sign-in: {}", e.getMessage());
            throw new DirectoryUnavailableException(e);
        }
        DirectoryPerson person = (DirectoryPerson) checked.getPrincipal();
        UserRepository.Credentials account = accounts.signIn(new ExternalIdentity(
                SignInSource.DIRECTORY, person.directoryId(), person.username(), person.fullName(), person.email(),
                roles.rolesFor(person.groups())));
        FunnelPrincipal principal = new FunnelPrincipal(account);
        UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(principal,
                null, principal.getAuthorities());
        signedIn.setDetails(attempt.getDetails());
        return signedIn;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /**
     * The person as the directory describes them, with the names of their groups.
     *
     * @param directoryId the id the directory never changes for them (entryUUID, objectGUID), or their
     *                    distinguished name where it has none: then a person moved in the tree is refused
     *                    until an administrator renames the old account (docs/operations.md)
     */
    record DirectoryPerson(String directoryId, String username, String fullName, String email,
                           List<String> groups) implements UserDetails {

        DirectoryPerson {
            groups = List.copyOf(groups);
        }

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return List.of();
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public String getUsername() {
            return username;
        }
    }

    private record DirectoryPersonMapper(String usernameAttribute, String nameAttribute, String mailAttribute)
            implements UserDetailsContextMapper {

        @Override
        public UserDetails mapUserFromContext(DirContextOperations entry, String typed,
                                              Collection<? extends GrantedAuthority> groups) {
            String username = first(entry, usernameAttribute, typed);
            return new DirectoryPerson(directoryId(entry), username,
                    first(entry, nameAttribute, first(entry, "cn", username)), first(entry, mailAttribute, null),
                    groups.stream().map(GrantedAuthority::getAuthority).toList());
        }

        static String directoryId(DirContextOperations entry) {
            Object guid = entry.getObjectAttribute("objectGUID");
            if (guid instanceof byte[] bytes && bytes.length == 16) {
                return "objectGUID:" + java.util.HexFormat.of().formatHex(bytes);
            }
            String uuid = entry.getStringAttribute("entryUUID");
            return uuid != null && !uuid.isBlank() ? "entryUUID:" + uuid.trim() : "dn:" + entry.getNameInNamespace();
        }

        private static String first(DirContextOperations entry, String attribute, String otherwise) {
            String value = attribute.isEmpty() ? null : entry.getStringAttribute(attribute);
            return value == null || value.isBlank() ? otherwise : value.trim();
        }

        @Override
        public void mapUserToContext(UserDetails user, DirContextAdapter entry) {
            throw new UnsupportedOperationException("Funnel never writes to the directory");
        }
    }
}
