using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ThaliNano.Gateway.Couch;

/// <summary>
/// Writes replicated revisions into a CouchDB 3.x-compatible database with standard requests: <c>PUT /{db}</c>
/// (412, or a refusal while <c>GET /{db}</c> finds it: it exists) once per database, then <c>POST /{db}/_bulk_docs</c> with <c>new_edits=false</c> in bounded
/// batches. Writing revisions the database already has is a no-op, so a redelivered bundle changes nothing. Every
/// response row is checked (CouchDB answers <c>[]</c>, pouchdb-server a row per document): any error fails the whole
/// write with <see cref="CouchWriteException"/>.
/// </summary>
public sealed class CouchWriter : IDisposable
{
    private const int MaxReasonChars = 300;
    private const int MaxAnswerBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly CouchWriterOptions _options;
    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);
    private int _requests;

    public CouchWriter(CouchDestination destination, CouchWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Destination = destination;
        _options = options ?? new CouchWriterOptions();
        _http = destination.CreateHttpClient(_options.Timeout);
    }

    public CouchDestination Destination { get; }

    /// <summary><c>_bulk_docs</c> requests sent (retries included).</summary>
    public int Requests => _requests;

    /// <summary>Writes the documents (from <see cref="BulkDocsJson.Document"/>); returns only when every one is in.</summary>
    public void Write(string database, IReadOnlyList<byte[]> documents)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentNullException.ThrowIfNull(documents);
        try
        {
            EnsureDatabase(database);
            foreach (ArraySegment<byte[]> batch in Batches(documents))
            {
                Post(database, batch, databaseRecreated: false);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException || (e is IOException && e is not CouchWriteException))
        {
            throw new CouchWriteException($"{Destination}{database}: {e.Message}", e);
        }
    }

    public void Dispose() => _http.Dispose();

    private IEnumerable<ArraySegment<byte[]>> Batches(IReadOnlyList<byte[]> documents)
    {
        byte[][] all = documents as byte[][] ?? documents.ToArray();
        int start = 0;
        while (start < all.Length)
        {
            int end = start + 1;
            long bytes = all[start].Length;
            while (end < all.Length && end - start < _options.MaxBatchDocuments && bytes + all[end].Length <= _options.MaxBatchBytes)
            {
                bytes += all[end].Length;
                end++;
            }

            yield return new ArraySegment<byte[]>(all, start, end - start);
            start = end;
        }
    }

    private void Post(string database, ArraySegment<byte[]> batch, bool databaseRecreated)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Destination.Database(database, "/_bulk_docs"))
        {
            Content = new ByteArrayContent(BulkDocsJson.Request(batch)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Interlocked.Increment(ref _requests);
        using HttpResponseMessage response = _http.Send(request);
        string text = ReadText(response);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge && batch.Count > 1)
        {
            int half = batch.Count / 2;
            Post(database, batch[..half], databaseRecreated);
            Post(database, batch[half..], databaseRecreated);
            return;
        }

        if (response.StatusCode == HttpStatusCode.NotFound && !databaseRecreated)
        {
            // Deleted since this writer created it.
            _created.TryRemove(database, out _);
            EnsureDatabase(database);
            Post(database, batch, databaseRecreated: true);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw Failure(database, $"_bulk_docs answered {(int)response.StatusCode}: {Truncate(text)}");
        }

        CheckRows(database, text);
    }

    private void EnsureDatabase(string database)
    {
        if (_created.ContainsKey(database))
        {
            return;
        }

        using HttpResponseMessage created = _http.Send(new HttpRequestMessage(HttpMethod.Put, Destination.Database(database)));
        if (!created.IsSuccessStatusCode && created.StatusCode != HttpStatusCode.PreconditionFailed)
        {
            // A gateway that is a member of the database but no server admin may not create it: enough if it exists.
            using HttpResponseMessage exists = _http.Send(new HttpRequestMessage(HttpMethod.Get, Destination.Database(database)));
            if (!exists.IsSuccessStatusCode)
            {
                throw Failure(database, $"creating the database answered {(int)created.StatusCode}: {Truncate(ReadText(created))}");
            }
        }

        _created.TryAdd(database, true);
    }

    /// <summary>Fails on any row with an "error" (and on an answer that is not an array of rows).</summary>
    private void CheckRows(string database, string text)
    {
        JsonDocument rows;
        try
        {
            rows = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw Failure(database, "_bulk_docs answered something that is not JSON: " + Truncate(text));
        }

        using (rows)
        {
            if (rows.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw Failure(database, "_bulk_docs answered something that is not an array of rows: " + Truncate(text));
            }

            var errors = new StringBuilder();
            int failed = 0;
            foreach (JsonElement row in rows.RootElement.EnumerateArray())
            {
                if (row.ValueKind == JsonValueKind.Object && !row.TryGetProperty("error", out _))
                {
                    continue;
                }

                if (failed++ < 3)
                {
                    errors.Append(errors.Length == 0 ? "" : "; ").Append(row.GetRawText());
                }
            }

            if (failed > 0)
            {
                throw Failure(database, $"{failed} document(s) refused: {Truncate(errors.ToString())}");
            }
        }
    }

    private CouchWriteException Failure(string database, string what) => new($"{Destination}{database}: {what}");

    /// <summary>The answer's text, at most 1 MB (a row per document of a batch is far less).</summary>
    private string ReadText(HttpResponseMessage response)
    {
        using Stream body = response.Content.ReadAsStream();
        var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = body.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                throw new CouchWriteException($"{Destination}: an answer of more than {MaxAnswerBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Truncate(string text) => text.Length <= MaxReasonChars ? text : text[..MaxReasonChars] + "...";
}
