package dev.larder.backend.datastore.service;

/** The associated data a credential is sealed with: it binds the ciphertext to its datastore and login. */
final class CredentialContext {

    private CredentialContext() {
    }

    static String of(long datastoreId, String username) {
        return "larder/datastore/" + datastoreId + "/credential/" + username;
    }
}
