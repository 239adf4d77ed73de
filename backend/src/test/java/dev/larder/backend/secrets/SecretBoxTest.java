package dev.larder.backend.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final SecretBox box = new SecretBox(() -> KEY);

    @Test
    void sealsAndOpensWithTheSameContext() {
        String sealed = box.encrypt(new Secret("hunter2-but-longer"), "larder/datastore/1/credential/a");
        assertThat(sealed).startsWith("v1:").doesNotContain("hunter2");
        assertThat(box.decrypt(sealed, "larder/datastore/1/credential/a").value()).isEqualTo("hunter2-but-longer");
        assertThat(box.encrypt(new Secret("hunter2-but-longer"), "ctx")).isNotEqualTo(box.encrypt(
                new Secret("hunter2-but-longer"), "ctx"));
    }

    @Test
    void aCiphertextMovedToAnotherRowDoesNotOpen() {
        String sealed = box.encrypt(new Secret("pw-of-datastore-1"), "larder/datastore/1/credential/a");
        assertThatThrownBy(() -> box.decrypt(sealed, "larder/datastore/2/credential/a"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("pw-of");
    }

    @Test
    void refusesAMissingOrShortMasterKey() {
        assertThatThrownBy(() -> new SecretBox(() -> "")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox(() -> Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox(() -> "not base64!")).hasMessageContaining("base64");
    }

    @Test
    void secretsPrintAsStars() {
        assertThat(new Secret("hunter2").toString()).doesNotContain("hunter2");
        assertThat(box.newPassword(32).value()).hasSize(32).matches("[A-Za-z0-9]+");
    }
}
