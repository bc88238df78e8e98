using ThaliNano.Couch.Replies;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Json
{
    /// <summary>
    /// Writes documents as CouchDB serves them: "_id", "_rev", "_deleted" (tombstones), "_revisions" and
    /// "_conflicts"/"_deleted_conflicts" when asked, then the stored fields, spliced in from the stored bytes as they are.
    /// </summary>
    internal static class DocumentJson
    {
        private static readonly byte[] s_comma = new byte[] { (byte)',' };

        public static void Write(Reply reply, Document d, ReadOptions options)
        {
            Write(reply, d, options, false);
        }

        /// <summary>
        /// With <paramref name="revsInfo"/>, also "_revs_info": the revision and its ancestors (the document must have been
        /// read with <see cref="ReadOptions.Revisions"/>), each "available", "deleted" (the revision itself, a tombstone)
        /// or "missing" (ancestors: the store keeps bodies of leaves only).
        /// </summary>
        public static void Write(Reply reply, Document d, ReadOptions options, bool revsInfo)
        {
            JsonWriter w = Head(reply, d.Id, d.Rev);
            if (d.Deleted)
            {
                w.WritePropertyName("_deleted");
                w.WriteBoolean(true);
            }

            if ((options & ReadOptions.Revisions) != 0 && d.RevisionIds != null)
            {
                w.WritePropertyName("_revisions");
                w.WriteStartObject();
                w.WritePropertyName("start");
                w.WriteNumber(d.RevisionsStart);
                w.WritePropertyName("ids");
                Strings(w, d.RevisionIds);
                w.WriteEndObject();
            }

            if (revsInfo && d.RevisionIds != null)
            {
                RevsInfo(w, d);
            }

            if ((options & ReadOptions.Conflicts) != 0 && d.Conflicts != null && d.Conflicts.Length > 0)
            {
                w.WritePropertyName("_conflicts");
                Strings(w, d.Conflicts);
            }

            if ((options & ReadOptions.DeletedConflicts) != 0 && d.DeletedConflicts != null && d.DeletedConflicts.Length > 0)
            {
                w.WritePropertyName("_deleted_conflicts");
                Strings(w, d.DeletedConflicts);
            }

            Members(reply, d.Body);
            w.WriteEndObject();
        }

        private static void RevsInfo(JsonWriter w, Document d)
        {
            w.WritePropertyName("_revs_info");
            w.WriteStartArray();
            for (int i = 0; i < d.RevisionIds.Length; i++)
            {
                w.WriteStartObject();
                w.WritePropertyName("rev");
                w.WriteString((d.RevisionsStart - i).ToString() + "-" + d.RevisionIds[i]);
                w.WritePropertyName("status");
                w.WriteString(i > 0 ? "missing" : d.Deleted ? "deleted" : "available");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        public static void WriteLocal(Reply reply, LocalDocument d)
        {
            JsonWriter w = Head(reply, d.Id, d.Rev);
            Members(reply, d.Body);
            w.WriteEndObject();
        }

        /// <summary>Opens a document object with its "_id" and "_rev".</summary>
        private static JsonWriter Head(Reply reply, string id, string rev)
        {
            JsonWriter w = reply.Json;
            w.WriteStartObject();
            w.WritePropertyName("_id");
            w.WriteString(id);
            w.WritePropertyName("_rev");
            w.WriteString(rev);
            return w;
        }

        /// <summary>A string, or null when there is none.</summary>
        public static void StringOrNull(JsonWriter w, string s)
        {
            if (s == null)
            {
                w.WriteNull();
            }
            else
            {
                w.WriteString(s);
            }
        }

        public static void Strings(JsonWriter w, string[] items)
        {
            w.WriteStartArray();
            for (int i = 0; i < items.Length; i++)
            {
                w.WriteString(items[i]);
            }

            w.WriteEndArray();
        }

        /// <summary>
        /// Appends the members of a stored body object after members already written: ",m1,m2" (nothing for "{}").
        /// The writer has written everything it was given, so the bytes go straight after them.
        /// </summary>
        private static void Members(Reply reply, byte[] body)
        {
            if (body == null)
            {
                return;
            }

            int start = 0;
            int end = body.Length - 1;
            while (start <= end && body[start] != '{')
            {
                start++;
            }

            while (end > start && body[end] != '}')
            {
                end--;
            }

            start++;
            while (start < end && IsSpace(body[start]))
            {
                start++;
            }

            while (end > start && IsSpace(body[end - 1]))
            {
                end--;
            }

            if (start >= end)
            {
                return;
            }

            reply.Raw(s_comma, 0, 1);
            reply.Raw(body, start, end - start);
        }

        private static bool IsSpace(byte b)
        {
            return b == ' ' || b == '\t' || b == '\r' || b == '\n';
        }
    }
}
