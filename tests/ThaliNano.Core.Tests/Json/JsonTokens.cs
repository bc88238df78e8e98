using System.Text;
using System.Text.Json;
using ThaliNano.Json;

namespace ThaliNano.Core.Tests.Json;

/// <summary>A token as both readers report it: kind, depth, byte position, and the decoded string or raw number.</summary>
public readonly record struct Token(JsonToken Type, int Depth, long Position, string? Text);

public static class JsonTokens
{
    public static List<Token> Read(byte[] json) => Read(new JsonReader(json, 0, json.Length));

    public static List<Token> Read(JsonReader reader)
    {
        var tokens = new List<Token>();
        while (reader.Read())
        {
            var text = reader.TokenType switch
            {
                JsonToken.PropertyName or JsonToken.String => reader.GetString(),
                JsonToken.Number => reader.GetNumberText(),
                _ => null,
            };
            tokens.Add(new Token(reader.TokenType, reader.Depth, reader.Position, text));
        }

        Assert.Equal(JsonToken.None, reader.TokenType);
        Assert.False(reader.Read());
        return tokens;
    }

    /// <summary>The tokens System.Text.Json reads, held to the same rules (depth 32, strings must decode).</summary>
    public static List<Token> ReadWithSystemTextJson(byte[] json)
    {
        var tokens = new List<Token>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonLimits.DefaultMaxDepth });
        while (reader.Read())
        {
            var text = reader.TokenType switch
            {
                JsonTokenType.PropertyName or JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => null,
            };
            tokens.Add(new Token(Map(reader.TokenType), reader.CurrentDepth, reader.TokenStartIndex, text));
        }

        return tokens;
    }

    /// <summary>Whether System.Text.Json accepts the text under the rules of <see cref="ReadWithSystemTextJson"/>.</summary>
    public static bool SystemTextJsonAccepts(byte[] json)
    {
        try
        {
            ReadWithSystemTextJson(json);
            return true;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static JsonToken Map(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => JsonToken.StartObject,
        JsonTokenType.EndObject => JsonToken.EndObject,
        JsonTokenType.StartArray => JsonToken.StartArray,
        JsonTokenType.EndArray => JsonToken.EndArray,
        JsonTokenType.PropertyName => JsonToken.PropertyName,
        JsonTokenType.String => JsonToken.String,
        JsonTokenType.Number => JsonToken.Number,
        JsonTokenType.True => JsonToken.True,
        JsonTokenType.False => JsonToken.False,
        JsonTokenType.Null => JsonToken.Null,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
