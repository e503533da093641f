package org.switchboard.server.radicale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;
import org.switchboard.dav.DavConfig;
import org.switchboard.dav.DavObjects;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.WriteCondition;
import org.switchboard.dav.spi.WriteResult;
import org.switchboard.server.dav.DavObjectStore;
import org.switchboard.server.storage.ColumnText;
import org.switchboard.server.storage.Sha256;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Radicale 3 storage folder — {@code collection-root/<user>/<collection>/} with its
 * {@code .Radicale.props} and one file per item — into the users' calendars and address books, through the
 * DAV store: each item is checked as a client's PUT would be and gets its ETag, sync-token change and
 * occurrence rows the same way (docs/calendar.md#migrating-from-radicale).
 *
 * <p>Users are matched by user name and never created: a Radicale user without an active Switchboard user
 * is reported and skipped (an administrator creates her — role, email, team — and runs the import again).
 * Re-running is safe: an item whose UID the collection already holds is left alone when the bytes are the
 * same and replaced when they differ (Radicale stays the source until the switch). Broken items, odd files
 * and oversized ones are reported, never fatal. Radicale's own files ({@code .Radicale.cache},
 * {@code .Radicale.lock}, …) are ignored.
 */
@Component
public class RadicaleImport {
    static final String PROPS = ".Radicale.props";
    private static final int MAX_PROPS_BYTES = 64 * 1024;
    private static final int MAX_ITEM_BYTES = DavConfig.defaults().maxResourceSize();
    private static final int MAX_INSTANCES = DavConfig.defaults().maxInstances();
    /** Collection names a Switchboard client could have made itself (MKCALENDAR); others are reported. */
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DavObjectStore store;

    RadicaleImport(DavObjectStore store) {
        this.store = store;
    }

    /** What an import did; {@code lines} says it item by item where something was not plainly imported. */
    public record Report(int collections, int created, int updated, int unchanged, int failed, int skipped, List<String> lines) {
        public String summary() {
            return collections + " collections: " + created + " items created, " + updated + " updated, " + unchanged + " unchanged, "
                    + failed + " broken, " + skipped + " users or collections skipped";
        }
    }

    private static final class Counts {
        int collections;
        int created;
        int updated;
        int unchanged;
        int failed;
        int skipped;
        final List<String> lines = new ArrayList<>();

        Report report() {
            return new Report(collections, created, updated, unchanged, failed, skipped, List.copyOf(lines));
        }
    }

    /**
     * Imports {@code root}: Radicale's {@code collection-root}, or the storage folder holding it.
     *
     * @throws IllegalArgumentException when it is no folder
     */
    public Report importTree(Path root) throws IOException {
        Path base = Files.isDirectory(root.resolve("collection-root")) ? root.resolve("collection-root") : root;
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(root + " is not a folder");
        }
        Counts counts = new Counts();
        for (Path user : children(base, true)) {
            String username = user.getFileName().toString();
            if (!store.hasHome(username)) {
                counts.skipped++;
                counts.lines.add("user " + username + ": no active Switchboard user of that name, skipped (create her and run again)");
                continue;
            }
            for (Path collection : children(user, true)) {
                importCollection(username, collection, counts);
            }
        }
        return counts.report();
    }

    private void importCollection(String user, Path folder, Counts counts) throws IOException {
        String name = folder.getFileName().toString();
        String where = user + "/" + name;
        Optional<JsonNode> props = props(folder, where, counts);
        if (props.isEmpty()) {
            return;
        }
        String tag = text(props.get(), "tag");
        CollectionKind kind = "VCALENDAR".equals(tag) ? CollectionKind.CALENDAR : "VADDRESSBOOK".equals(tag) ? CollectionKind.ADDRESS_BOOK : null;
        if (kind == null) {
            counts.skipped++;
            counts.lines.add(where + ": neither a calendar nor an address book (tag " + tag + "), skipped");
            return;
        }
        if (!name.matches(NAME) || name.startsWith("crm-")) {
            counts.skipped++;
            counts.lines.add(where + ": the name is not one a collection can have here (reserved or unusual characters), skipped");
            return;
        }
        Optional<DavCollection> existing = store.collection(user, name);
        DavCollection target;
        if (existing.isPresent()) {
            if (existing.get().kind() != kind || existing.get().readOnly()) {
                counts.skipped++;
                counts.lines.add(where + ": a different collection of that name exists already, skipped");
                return;
            }
            target = existing.get();
        } else {
            Optional<DavCollection> made = store.createCollection(user, name, kind, collectionProps(props.get(), kind));
            if (made.isEmpty()) {
                counts.skipped++;
                counts.lines.add(where + ": could not be created, skipped");
                return;
            }
            target = made.get();
        }
        counts.collections++;
        for (Path item : children(folder, false)) {
            try {
                importItem(target, item, where, counts);
            } catch (RuntimeException e) {
                counts.failed++;
                counts.lines.add(where + "/" + item.getFileName() + ": not imported: " + e.getMessage());
            }
        }
    }

    /** The collection's properties; empty (and reported) when there are none or they do not parse. */
    private static Optional<JsonNode> props(Path folder, String where, Counts counts) throws IOException {
        Path file = folder.resolve(PROPS);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            counts.skipped++;
            counts.lines.add(where + ": no " + PROPS + ", not a Radicale collection, skipped");
            return Optional.empty();
        }
        if (Files.size(file) > MAX_PROPS_BYTES) {
            counts.skipped++;
            counts.lines.add(where + ": " + PROPS + " larger than " + MAX_PROPS_BYTES + " bytes, skipped");
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return Optional.of(node);
        } catch (JacksonException | IllegalArgumentException e) {
            counts.skipped++;
            counts.lines.add(where + ": " + PROPS + " is no JSON object (" + e.getMessage() + "), skipped");
            return Optional.empty();
        }
    }

    private static CollectionProps collectionProps(JsonNode p, CollectionKind kind) {
        String description = kind == CollectionKind.CALENDAR ? text(p, "C:calendar-description") : text(p, "CR:addressbook-description");
        Set<String> components = null;
        String set = text(p, "C:supported-calendar-component-set");
        if (kind == CollectionKind.CALENDAR && set != null) {
            components = new HashSet<>();
            for (String c : set.split(",")) {
                String type = c.strip().toUpperCase(Locale.ROOT);
                if (type.equals("VEVENT") || type.equals("VTODO") || type.equals("VJOURNAL")) {
                    components.add(type);
                }
            }
        }
        Integer order = null;
        String o = text(p, "ICAL:calendar-order");
        if (o != null && o.matches("-?\\d{1,9}")) {
            order = Integer.valueOf(o);
        }
        return new CollectionProps(ColumnText.shorten(text(p, "D:displayname"), 200), ColumnText.shorten(description, 2000), ColumnText.shorten(text(p, "ICAL:calendar-color"), 20),
                order, components == null || components.isEmpty() ? null : components);
    }

    private void importItem(DavCollection c, Path file, String where, Counts counts) throws IOException {
        String fileName = file.getFileName().toString();
        if (Files.size(file) > MAX_ITEM_BYTES) {
            counts.failed++;
            counts.lines.add(where + "/" + fileName + ": larger than " + MAX_ITEM_BYTES + " bytes, not imported");
            return;
        }
        byte[] data = Files.readAllBytes(file);
        String name = fileName.matches(NAME) ? fileName : null;
        DavObject object;
        try {
            object = parse(c.kind(), name == null ? "x" : name, data);
        } catch (InvalidObjectException e) {
            counts.failed++;
            counts.lines.add(where + "/" + fileName + ": broken item, not imported: " + e.getMessage());
            return;
        }
        String uid = object.index() == null ? null : object.index().uid();
        if (c.kind() == CollectionKind.CALENDAR && !c.components().contains(object.index().componentType())) {
            counts.failed++;
            counts.lines.add(where + "/" + fileName + ": a " + object.index().componentType() + " in a calendar that takes " + c.components()
                    + ", not imported");
            return;
        }
        Optional<DavObjectInfo> same = uid == null ? Optional.empty() : store.findByUid(c.home(), c.name(), uid);
        if (same.isPresent()) {
            if (same.get().etag().equals(object.etag())) {
                counts.unchanged++;
                return;
            }
            put(c, reparse(c.kind(), same.get().name(), data), new WriteCondition(same.get().etag(), false), where, fileName, counts, false);
            return;
        }
        if (name == null) {
            // a file name no URL segment should be: name it after its UID instead
            name = Sha256.hex(uid == null ? fileName : uid).substring(0, 32) + (c.kind() == CollectionKind.CALENDAR ? ".ics" : ".vcf");
            object = reparse(c.kind(), name, data);
        }
        put(c, object, new WriteCondition(null, true), where, fileName, counts, true);
    }

    private void put(DavCollection c, DavObject object, WriteCondition condition, String where, String fileName, Counts counts, boolean creating) {
        WriteResult r = store.put(c.home(), c.name(), object, condition);
        switch (r.status()) {
            case CREATED, UPDATED -> {
                if (creating) {
                    counts.created++;
                } else {
                    counts.updated++;
                }
            }
            default -> {
                counts.failed++;
                counts.lines.add(where + "/" + fileName + ": not imported (" + r.status() + ": the name or the UID is taken by another item)");
            }
        }
    }

    private static DavObject parse(CollectionKind kind, String name, byte[] data) throws InvalidObjectException {
        return kind == CollectionKind.CALENDAR ? DavObjects.calendarObject(name, data, MAX_INSTANCES) : DavObjects.vcardObject(name, data);
    }

    private static DavObject reparse(CollectionKind kind, String name, byte[] data) {
        try {
            return parse(kind, name, data);
        } catch (InvalidObjectException e) {
            throw new IllegalStateException(e); // parsed a moment ago
        }
    }

    /** The visible entries of a folder (not Radicale's dot files), folders or regular files, in name order. */
    private static List<Path> children(Path folder, boolean folders) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> folders ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() || v.asString().isBlank() ? null : v.asString().strip();
    }

}
