using System.Globalization;
using System.Text.Json;
using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// A hub's entry in a <c>thali-directory</c> database (firmware/README.md, "Directory document"), as a client reads it
/// from any hub that replicated it: <c>hub:{key id}</c> with type, key, uuid, optional name, urls and updated. Nothing in
/// it is signed, so <see cref="Parse"/> only keeps URLs that pin the entry's own key: whoever answers at one of them must
/// prove that key, and a forged entry can at worst point to the wrong address.
/// </summary>
public sealed class HubDirectoryEntry
{
    public const string IdPrefix = "hub:";
    public const string Type = "thali-hub";
    public const int MaxBytes = 16 * 1024;
    public const int MaxUrls = 8;
    public const int MaxNameLength = 64;

    private static readonly HashSet<string> s_fields = ["_id", "_rev", "_revisions", "_conflicts", "type", "key", "uuid", "name", "urls", "updated"];

    private HubDirectoryEntry(PublicKeyId key, string uuid, string? name, HttpKeyUrl[] urls, DateTime updated)
    {
        Key = key;
        Uuid = uuid;
        Name = name;
        Urls = urls;
        Updated = updated;
    }

    public PublicKeyId Key { get; }

    /// <summary>The hub's uuid (32 lowercase hex digits): CouchDB's server uuid at GET /.</summary>
    public string Uuid { get; }

    public string? Name { get; }

    /// <summary>Where to reach it; every URL pins <see cref="Key"/>.</summary>
    public IReadOnlyList<HttpKeyUrl> Urls { get; }

    /// <summary>When the hub last wrote the entry (UTC, by the hub's clock).</summary>
    public DateTime Updated { get; }

    /// <summary>Reads one document as GET /thali-directory/{id} answers it; throws <see cref="FormatException"/> saying why not.</summary>
    public static HubDirectoryEntry Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw new FormatException("a directory entry is at most " + MaxBytes + " bytes");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException("a directory entry is a JSON object: " + e.Message);
        }
    }

    private static HubDirectoryEntry Read(JsonElement doc)
    {
        if (doc.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a directory entry is a JSON object");
        }

        foreach (JsonProperty field in doc.EnumerateObject())
        {
            if (!s_fields.Contains(field.Name))
            {
                throw new FormatException("unknown field \"" + field.Name + "\" in a directory entry");
            }
        }

        if (Text(doc, "type") != Type)
        {
            throw new FormatException("not a hub's directory entry: type is not \"" + Type + "\"");
        }

        if (!PublicKeyId.TryParseBase64Url(Text(doc, "key"), out PublicKeyId key))
        {
            throw new FormatException("key is not a key id (43 base64url characters)");
        }

        string? id = Optional(doc, "_id");
        if (id != null && id != IdPrefix + key.ToBase64Url())
        {
            throw new FormatException("the document id " + id + " is not hub:{key} for the key it names");
        }

        string uuid = Text(doc, "uuid");
        if (uuid.Length != 32 || !uuid.All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException("uuid is not 32 lowercase hex digits");
        }

        string? name = Optional(doc, "name");
        if (name != null && (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl)))
        {
            throw new FormatException("name has 1 to " + MaxNameLength + " characters and no control characters");
        }

        if (!DateTime.TryParseExact(Text(doc, "updated"), "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime updated))
        {
            throw new FormatException("updated is not a UTC time as yyyy-MM-ddTHH:mm:ssZ");
        }

        return new HubDirectoryEntry(key, uuid, name, ReadUrls(doc, key), updated);
    }

    private static HttpKeyUrl[] ReadUrls(JsonElement doc, PublicKeyId key)
    {
        if (!doc.TryGetProperty("urls", out JsonElement urls) || urls.ValueKind != JsonValueKind.Array || urls.GetArrayLength() > MaxUrls)
        {
            throw new FormatException("urls is an array of at most " + MaxUrls + " httpkey URLs");
        }

        return urls.EnumerateArray().Select(u =>
        {
            HttpKeyUrl url = u.ValueKind == JsonValueKind.String ? HttpKeyUrl.Parse(u.GetString()!) : throw new FormatException("a URL is a string");
            return url.KeyId == key ? url : throw new FormatException("URL " + url + " pins another key than the entry's");
        }).ToArray();
    }

    private static string Text(JsonElement doc, string field) =>
        Optional(doc, field) ?? throw new FormatException("a directory entry needs \"" + field + "\"");

    private static string? Optional(JsonElement doc, string field)
    {
        if (!doc.TryGetProperty(field, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException("\"" + field + "\" is a string");
    }
}
