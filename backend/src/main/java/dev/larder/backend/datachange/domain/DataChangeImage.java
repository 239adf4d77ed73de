package dev.larder.backend.datachange.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The before- and after-image of one unit of work of a data change (JSON). */
@Entity
@Table(name = "data_change_images")
public class DataChangeImage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "data_change_id")
    public Long dataChangeId;

    @Column(name = "statement_no")
    public int statementNo;

    @Column(name = "chunk_no")
    public int chunkNo;

    @Column(name = "table_name")
    public String tableName;

    @Column(name = "row_count")
    public int rowCount;

    public String image;

    @Column(name = "created_at")
    public Instant createdAt;
}
