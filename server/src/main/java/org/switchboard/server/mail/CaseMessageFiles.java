package org.switchboard.server.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The messages kept on a case and their attachments, for reading them back: each one the gateway routed
 * to the case (a new case or a reply) or a user handed in from an add-in, with the bytes as received.
 */
@Repository
class CaseMessageFiles {
    /** Decisions that put a message on a case. */
    private static final String ON_CASE = "d.kind IN ('NEW_CASE', 'REPLY', 'HANDED_IN')";
    /** The header block read for the list: a message's Subject line is in its first few kilobytes. */
    private static final MimeConfig HEADER_LIMITS = MimeConfig.custom().setMaxHeaderCount(1_000).setMaxHeaderLen(20_000)
            .setMaxLineLen(20_000).build();
    private final JdbcClient jdbc;

    CaseMessageFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredMessage(long id, String sender, String subject, Instant receivedAt, long sizeBytes, String messageId,
            List<StoredAttachment> attachments) {
    }

    /** {@code stored}: false when it was larger than the cap (then only the original message holds it). */
    record StoredAttachment(int position, String filename, String contentType, long sizeBytes, boolean inline, boolean stored) {
    }

    record AttachmentContent(StoredAttachment attachment, byte[] content) {
    }

    List<StoredMessage> ofCase(long caseId) {
        Map<Long, List<StoredAttachment>> attachments = new HashMap<>();
        jdbc.sql("SELECT ma.inbound_id, ma.position, ma.filename, ma.inline, a.content_type, a.size_bytes, a.content IS NOT NULL AS stored"
                + " FROM routing_decision d JOIN mail_message_attachment ma ON ma.inbound_id = d.inbound_id"
                + " JOIN mail_attachment a ON a.sha256 = ma.sha256 WHERE d.case_id = ? AND " + ON_CASE + " ORDER BY ma.inbound_id, ma.position")
                .param(caseId).query(rs -> {
                    attachments.computeIfAbsent(rs.getLong("inbound_id"), k -> new ArrayList<>()).add(new StoredAttachment(rs.getInt("position"),
                            rs.getString("filename"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getBoolean("inline"),
                            rs.getBoolean("stored")));
                });
        return jdbc.sql("SELECT m.id, m.sender, m.message_id, m.received_at, m.size_bytes, SUBSTRING(m.raw FROM 1 FOR 65536) AS head FROM routing_decision d"
                + " JOIN inbound_message m ON m.id = d.inbound_id WHERE d.case_id = ? AND " + ON_CASE + " ORDER BY m.received_at, m.id")
                .param(caseId).query((rs, i) -> new StoredMessage(rs.getLong("id"), rs.getString("sender"), subject(rs.getBytes("head")),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getLong("size_bytes"), rs.getString("message_id"),
                        attachments.getOrDefault(rs.getLong("id"), List.of()))).list();
    }

    /** The message as received, when it is one of this case's. */
    Optional<byte[]> raw(long caseId, long messageId) {
        return jdbc.sql("SELECT m.raw FROM routing_decision d JOIN inbound_message m ON m.id = d.inbound_id"
                + " WHERE d.case_id = ? AND d.inbound_id = ? AND " + ON_CASE).params(caseId, messageId).query((rs, i) -> rs.getBytes(1)).optional();
    }

    Optional<AttachmentContent> attachment(long caseId, long messageId, int position) {
        return jdbc.sql("SELECT ma.position, ma.filename, ma.inline, a.content_type, a.size_bytes, a.content FROM routing_decision d"
                + " JOIN mail_message_attachment ma ON ma.inbound_id = d.inbound_id JOIN mail_attachment a ON a.sha256 = ma.sha256"
                + " WHERE d.case_id = ? AND d.inbound_id = ? AND ma.position = ? AND " + ON_CASE).params(caseId, messageId, position)
                .query((rs, i) -> {
                    byte[] content = rs.getBytes("content");
                    return new AttachmentContent(new StoredAttachment(rs.getInt("position"), rs.getString("filename"),
                            rs.getString("content_type"), rs.getLong("size_bytes"), rs.getBoolean("inline"), content != null), content);
                }).optional();
    }

    /**
     * The decoded Subject of a message, read from its header only (with limits) in its first 64 KB; null when
     * it has none or it cannot be read.
     */
    static String subject(byte[] raw) {
        MimeTokenStream stream = new MimeTokenStream(HEADER_LIMITS);
        stream.parse(new ByteArrayInputStream(raw));
        try {
            for (EntityState s = stream.getState(); s != EntityState.T_END_HEADER && s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                if (s == EntityState.T_FIELD) {
                    Field f = stream.getField();
                    if ("subject".equalsIgnoreCase(f.getName())) {
                        return DecoderUtil.decodeEncodedWords(f.getBody().strip(), DecodeMonitor.SILENT);
                    }
                }
            }
        } catch (MimeException | IOException | RuntimeException e) {
            return null; // the list shows no subject; the message itself can still be downloaded
        }
        return null;
    }
}
