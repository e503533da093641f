package org.switchboard.dav.report;

import com.github.mangstadt.vinnie.VObjectProperty;
import com.github.mangstadt.vinnie.io.Context;
import com.github.mangstadt.vinnie.io.SyntaxRules;
import com.github.mangstadt.vinnie.io.VObjectDataListener;
import com.github.mangstadt.vinnie.io.VObjectReader;
import com.github.mangstadt.vinnie.io.Warning;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.switchboard.dav.DavException;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/** The {@code <CR:filter>} of addressbook-query (RFC 6352 §10.5) with anyof/allof tests. */
public final class AddressFilter {

    public record PropFilter(String name, boolean allOf, boolean isNotDefined, List<TextMatch> textMatches,
                             List<ParamFilter> params) {}

    public record ParamFilter(String name, boolean isNotDefined, TextMatch textMatch) {}

    private final boolean allOf;
    private final List<PropFilter> props;

    private AddressFilter(boolean allOf, List<PropFilter> props) {
        this.allOf = allOf;
        this.props = props;
    }

    public static AddressFilter parse(Element filter) throws DavException {
        if (filter == null) return new AddressFilter(false, List.of());
        List<PropFilter> props = new ArrayList<>();
        for (Element p : SafeXml.children(filter, Ns.card("prop-filter"))) {
            List<TextMatch> tms = new ArrayList<>();
            for (Element t : SafeXml.children(p, Ns.card("text-match"))) tms.add(textMatch(t));
            List<ParamFilter> params = new ArrayList<>();
            for (Element pf : SafeXml.children(p, Ns.card("param-filter"))) {
                Element t = SafeXml.child(pf, Ns.card("text-match"));
                params.add(new ParamFilter(upper(SafeXml.attr(pf, "name")), SafeXml.child(pf, Ns.card("is-not-defined")) != null,
                        t == null ? null : textMatch(t)));
            }
            props.add(new PropFilter(upper(SafeXml.attr(p, "name")), "allof".equals(SafeXml.attr(p, "test")),
                    SafeXml.child(p, Ns.card("is-not-defined")) != null, tms, params));
        }
        // RFC 6352 §10.5: test defaults to anyof
        return new AddressFilter("allof".equals(SafeXml.attr(filter, "test")), props);
    }

    private static TextMatch textMatch(Element e) throws DavException {
        String collation = SafeXml.attr(e, "collation");
        if (collation == null) collation = "i;unicode-casemap";
        if (!TextMatch.COLLATIONS.contains(collation)) {
            throw new DavException(403, Ns.card("supported-collation"), "unsupported collation " + collation);
        }
        String type = SafeXml.attr(e, "match-type");
        if (type != null && !List.of("equals", "contains", "starts-with", "ends-with").contains(type)) {
            throw new DavException(403, Ns.card("supported-filter"), "unsupported match-type " + type);
        }
        return new TextMatch(e.getTextContent(), collation, "yes".equals(SafeXml.attr(e, "negate-condition")), type);
    }

    private static String upper(String s) { return s == null ? "" : s.toUpperCase(Locale.ROOT); }

    public boolean matches(String vcardText) {
        if (props.isEmpty()) return true;
        List<VObjectProperty> all = properties(vcardText);
        for (PropFilter pf : props) {
            boolean m = propMatches(all, pf);
            if (allOf && !m) return false;
            if (!allOf && m) return true;
        }
        return allOf;
    }

    private static boolean propMatches(List<VObjectProperty> all, PropFilter pf) {
        List<VObjectProperty> named = new ArrayList<>();
        for (VObjectProperty p : all) if (p.getName().equalsIgnoreCase(pf.name())) named.add(p);
        if (pf.isNotDefined()) return named.isEmpty();
        if (named.isEmpty()) return false;
        for (VObjectProperty p : named) {
            List<Boolean> tests = new ArrayList<>();
            for (TextMatch tm : pf.textMatches()) tests.add(tm.matches(p.getValue()));
            for (ParamFilter f : pf.params()) {
                List<String> values = p.getParameters().get(f.name());
                if (f.isNotDefined()) { tests.add(values == null || values.isEmpty()); continue; }
                boolean any = false;
                if (values != null) for (String v : values) if (f.textMatch() == null || f.textMatch().matches(v)) any = true;
                tests.add(any);
            }
            if (tests.isEmpty()) return true;
            boolean result = pf.allOf() ? !tests.contains(false) : tests.contains(true);
            if (result) return true;
        }
        return false;
    }

    private static List<VObjectProperty> properties(String text) {
        List<VObjectProperty> out = new ArrayList<>();
        try (VObjectReader r = new VObjectReader(new StringReader(text), SyntaxRules.vcard())) {
            r.parse(new VObjectDataListener() {
                public void onComponentBegin(String name, Context ctx) {}
                public void onComponentEnd(String name, Context ctx) {}
                public void onProperty(VObjectProperty p, Context ctx) { out.add(p); }
                public void onVersion(String v, Context ctx) {}
                public void onWarning(Warning w, VObjectProperty p, Exception e, Context ctx) {}
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
