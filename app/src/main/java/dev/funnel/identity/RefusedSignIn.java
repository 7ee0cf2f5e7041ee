package dev.funnel.identity;

/**
 * A refusal of someone whose credentials were right, naming who it was: a single sign-on attempt carries no
 * user name of its own, so the audit trail takes it from here.
 */
public interface RefusedSignIn {

    String username();
}
