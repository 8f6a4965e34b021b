package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.TOO_LARGE;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;

/**
 * Strips from everything a page's resources reach what does not draw the page and could carry
 * something else out of the source: links back into the document's structure (catalog, page
 * tree, annotations), actions and JavaScript, embedded and external files, optional-content
 * membership, and private data. Changes the source's objects in place: they are written once,
 * by the normalised document. Each object is visited once per document (shared fonts and
 * resources are cleaned once), without recursion, so deep or cyclic graphs cannot overflow the stack.
 */
final class ResourceCleaner {

    /** Objects a page may reach at most; a graph larger than that is a bomb, not a document. */
    private static final int MAX_OBJECTS = 2_000_000;

    private static final Set<COSName> STRIPPED_KEYS = names("A", "AA", "AcroForm", "AF", "Alternates",
            "Annots", "B", "Collection", "Dests", "EF", "EmbeddedFiles", "FS", "JS", "JavaScript", "Metadata",
            "Names", "OC", "OCProperties", "OpenAction", "OPI", "Outlines", "P", "Parent", "PieceInfo", "Ref",
            "RF", "StructTreeRoot", "Threads", "URI", "XFA");
    /** In a stream's dictionary these point its data at an outside file. */
    private static final Set<COSName> EXTERNAL_STREAM_KEYS = names("F", "FFilter", "FDecodeParms", "DL");
    private static final Set<COSName> STRIPPED_TYPES = names("Action", "Annot", "Catalog", "EmbeddedFile",
            "Filespec", "OCProperties", "Page", "Pages", "Sig");

    private final Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Cleans {@code start} and everything it reaches. */
    void clean(COSBase start) {
        Deque<COSBase> pending = new ArrayDeque<>();
        pending.push(start);
        while (!pending.isEmpty()) {
            COSBase object = resolve(pending.pop());
            if (object == null || !seen.add(object)) {
                continue;
            }
            if (seen.size() > MAX_OBJECTS) {
                throw new DocumentRejectedException(TOO_LARGE, "its pages reach more than " + MAX_OBJECTS + " objects");
            }
            if (object instanceof COSDictionary dictionary) {
                cleanDictionary(dictionary, pending);
            } else if (object instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    COSBase value = resolve(array.get(i));
                    if (stripped(value)) {
                        array.set(i, COSNull.NULL);
                    } else {
                        pending.push(value);
                    }
                }
            }
        }
    }

    private static void cleanDictionary(COSDictionary dictionary, Deque<COSBase> pending) {
        for (COSName key : new ArrayList<>(dictionary.keySet())) {
            COSBase value = resolve(dictionary.getItem(key));
            if (STRIPPED_KEYS.contains(key) || stripped(value)
                    || (dictionary instanceof COSStream && EXTERNAL_STREAM_KEYS.contains(key))) {
                dictionary.removeItem(key);
            } else {
                pending.push(value);
            }
        }
    }

    private static boolean stripped(COSBase value) {
        if (!(value instanceof COSDictionary dictionary)) {
            return false;
        }
        COSName type = dictionary.getCOSName(COSName.TYPE);
        return type != null && STRIPPED_TYPES.contains(type);
    }

    private static COSBase resolve(COSBase value) {
        return value instanceof COSObject reference ? reference.getObject() : value;
    }

    private static Set<COSName> names(String... names) {
        return Set.copyOf(Stream.of(names).map(COSName::getPDFName).toList());
    }
}
