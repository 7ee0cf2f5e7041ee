package dev.funnel.identity;

/** A token just issued, with its secret: the only time the secret is shown, since only its hash is kept. */
public record IssuedApiToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedApiToken[" + token + "]"; // never the secret, should this end up in a log
    }
}
