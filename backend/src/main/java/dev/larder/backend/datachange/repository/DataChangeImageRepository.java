package dev.larder.backend.datachange.repository;

import dev.larder.backend.datachange.domain.DataChangeImage;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class DataChangeImageRepository implements PanacheRepository<DataChangeImage> {

    /** Deletes the images of a change; returns how many rows of the datastore they held. */
    public long purge(long dataChangeId) {
        long rows = find("dataChangeId", dataChangeId).stream().mapToLong(image -> image.rowCount).sum();
        delete("dataChangeId", dataChangeId);
        return rows;
    }

    /** The images of a change in the order they were taken. */
    public List<DataChangeImage> ofChange(long dataChangeId) {
        return list("dataChangeId = ?1 order by id", dataChangeId);
    }
}
