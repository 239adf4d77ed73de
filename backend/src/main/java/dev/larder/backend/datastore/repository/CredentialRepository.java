package dev.larder.backend.datastore.repository;

import dev.larder.backend.datastore.domain.Credential;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CredentialRepository implements PanacheRepository<Credential> {

    public Credential ofDatastore(long datastoreId) {
        return find("datastoreId", datastoreId).singleResult();
    }
}
