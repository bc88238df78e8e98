using System.IO;
using ThaliNano.Couch.Replies;
using ThaliNano.Http;
using ThaliNano.Json;

namespace ThaliNano.Couch.Json
{
    /// <summary>
    /// Parses one document object from a request body into a <see cref="ParsedDocument"/>: "_id", "_rev", "_deleted"
    /// and "_revisions" apart, the other fields copied (compact) into the body, at most
    /// <see cref="CouchOptions.MaxDocumentBytes"/>. Ignores "_conflicts", "_deleted_conflicts", "_revs_info" and
    /// "_local_seq" as CouchDB does; any other underscore field is a 400 doc_validation error. Reuses one buffer.
    /// </summary>
    internal sealed class DocumentParser
    {
        private readonly MemoryStream _body = new MemoryStream();
        private readonly JsonWriter _writer;
        private readonly int _maxBytes;
        private readonly int _maxRevisionIds;

        public DocumentParser(CouchOptions options)
        {
            _maxBytes = options.MaxDocumentBytes;
            _maxRevisionIds = options.MaxRequestItems;
            _writer = new JsonWriter(_body, 64);
        }

        /// <summary>Parses the object the reader is on (its start token); the reader ends on its closing brace.</summary>
        public ParsedDocument Parse(JsonReader r)
        {
            if (r.TokenType != JsonToken.StartObject)
            {
                throw CouchErrors.BadRequest("Document must be a JSON object");
            }

            ParsedDocument d = new ParsedDocument();
            _body.SetLength(0);
            JsonWriter w = _writer;
            w.Reset();
            w.WriteStartObject();
            int depth = r.Depth;
            while (r.Read() && !(r.TokenType == JsonToken.EndObject && r.Depth == depth))
            {
                if (r.ValueStartsWith("_"))
                {
                    Special(r, d);
                    continue;
                }

                // The document's own fields (most of them) are copied without decoding their names into strings.
                r.CopyPropertyNameTo(w);
                r.Read();
                JsonCopy.Value(r, w, _body, _maxBytes - 1, d.Id);
            }

            w.WriteEndObject();
            w.Flush();
            if (_body.Length > _maxBytes)
            {
                throw CouchErrors.TooLarge("document_too_large",
                    (d.Id == null ? "the document" : "document " + d.Id) + " is larger than " + _maxBytes.ToString() + " bytes");
            }

            d.Body = _body.ToArray();
            return d;
        }

        /// <summary>Reads an underscore member: the reader is on its name and ends on its value's last token.</summary>
        private void Special(JsonReader r, ParsedDocument d)
        {
            // The names compare without allocating; only an unknown one becomes a string (for its error, which comes
            // after its value was read, as before).
            bool isId = r.ValueEquals("_id");
            bool isRev = r.ValueEquals("_rev");
            bool isDeleted = r.ValueEquals("_deleted");
            bool isRevisions = r.ValueEquals("_revisions");
            bool isAttachments = r.ValueEquals("_attachments");
            string unknown = isId || isRev || isDeleted || isRevisions || isAttachments || r.ValueEquals("_conflicts")
                || r.ValueEquals("_deleted_conflicts") || r.ValueEquals("_revs_info") || r.ValueEquals("_local_seq")
                ? null
                : r.GetString();
            r.Read();
            if (unknown != null)
            {
                throw new HttpException(400, "doc_validation", "Bad special document member: " + unknown);
            }

            if (isId)
            {
                d.Id = JsonInput.String(r, "_id");
            }
            else if (isRev)
            {
                d.Rev = JsonInput.String(r, "_rev");
            }
            else if (isDeleted)
            {
                d.Deleted = JsonInput.Boolean(r, "_deleted");
            }
            else if (isRevisions)
            {
                Revisions(r, d);
            }
            else if (isAttachments)
            {
                if (r.TokenType != JsonToken.StartObject)
                {
                    throw CouchErrors.BadRequest("_attachments must be an object");
                }

                r.Read();
                if (r.TokenType != JsonToken.EndObject)
                {
                    d.HasAttachments = true;
                    r.Skip();
                    SkipRest(r);
                }
            }
            else
            {
                r.Skip();
            }
        }

        /// <summary>After skipping a member's value inside an object: skips the remaining members up to its end.</summary>
        private static void SkipRest(JsonReader r)
        {
            int depth = r.Depth;
            while (r.Read() && !(r.TokenType == JsonToken.EndObject && r.Depth == depth - 1))
            {
                r.Skip();
            }
        }

        private void Revisions(JsonReader r, ParsedDocument d)
        {
            if (r.TokenType != JsonToken.StartObject)
            {
                throw CouchErrors.BadRequest("_revisions must be an object with start and ids");
            }

            long start = -1;
            string[] ids = null;
            int depth = r.Depth;
            while (r.Read() && !(r.TokenType == JsonToken.EndObject && r.Depth == depth))
            {
                bool isStart = r.ValueEquals("start");
                bool isIds = r.ValueEquals("ids");
                r.Read();
                if (isStart)
                {
                    start = r.TokenType == JsonToken.Number ? SafeInteger(r) : -1;
                    if (start < 1 || start > int.MaxValue)
                    {
                        throw CouchErrors.BadRequest("_revisions.start must be a positive integer");
                    }
                }
                else if (isIds)
                {
                    ids = JsonInput.ReadStringArray(r, _maxRevisionIds, "_revisions.ids");
                }
                else
                {
                    r.Skip();
                }
            }

            if (start < 0 || ids == null || ids.Length == 0)
            {
                throw CouchErrors.BadRequest("_revisions must have a start and a non-empty ids array");
            }

            d.HasRevisions = true;
            d.RevisionsStart = (int)start;
            d.RevisionIds = ids;
        }

        private static long SafeInteger(JsonReader r)
        {
            try
            {
                return r.GetInt64();
            }
            catch (JsonException)
            {
                return -1;
            }
        }
    }
}
