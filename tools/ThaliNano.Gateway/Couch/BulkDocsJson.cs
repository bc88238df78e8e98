using System.Text.Encodings.Web;
using System.Text.Json;
using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Gateway.Couch;

/// <summary>
/// The JSON of <c>_bulk_docs</c> with <c>new_edits=false</c> for bundle revisions: each document is the revision's
/// body with <c>_id</c>, <c>_rev</c>, <c>_revisions {start, ids}</c> and, for tombstones, <c>_deleted</c> in front.
/// </summary>
public static class BulkDocsJson
{
    private static readonly HashSet<string> s_written = new(StringComparer.Ordinal) { "_id", "_rev", "_revisions", "_deleted" };
    private static readonly JsonDocumentOptions s_bodyOptions = new() { MaxDepth = 64 };

    // Non-ASCII text passes as UTF-8 (the HTML-safe default would escape it); this JSON is never embedded in a page.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One document; null when the body is not a JSON object (a faulty source: nothing of the bundle is written).</summary>
    public static byte[]? Document(BundleRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        JsonDocument body;
        try
        {
            body = JsonDocument.Parse(revision.Body, s_bodyOptions);
        }
        catch (JsonException)
        {
            return null;
        }

        using (body)
        {
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var output = new MemoryStream(revision.Body.Length + 64 + (revision.RevisionIds.Length * 36));
            using (var writer = new Utf8JsonWriter(output, s_writerOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("_id", revision.Id);
                writer.WriteString("_rev", revision.Rev);
                writer.WriteStartObject("_revisions");
                writer.WriteNumber("start", revision.RevisionsStart);
                writer.WriteStartArray("ids");
                foreach (string id in revision.RevisionIds)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                if (revision.Deleted)
                {
                    writer.WriteBoolean("_deleted", true);
                }

                // The body's own fields, as the source stored them; the four above are the bundle's to say.
                foreach (JsonProperty property in body.RootElement.EnumerateObject())
                {
                    if (!s_written.Contains(property.Name))
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            return output.ToArray();
        }
    }

    /// <summary><c>{"new_edits":false,"docs":[...]}</c> of documents made by <see cref="Document"/>.</summary>
    public static byte[] Request(IEnumerable<byte[]> documents)
    {
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output, s_writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("new_edits", false);
            writer.WriteStartArray("docs");
            foreach (byte[] document in documents)
            {
                writer.WriteRawValue(document, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return output.ToArray();
    }
}
