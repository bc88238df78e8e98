using System.Text.Json.Nodes;

using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Interop;

internal static class Json
{
    /// <summary>JSON text with object members sorted by name at every level: equal documents compare equal as text.</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
