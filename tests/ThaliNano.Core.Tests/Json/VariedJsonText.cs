using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThaliNano.Core.Tests.Json;

/// <summary>
/// Writes a value as JSON choosing at random among the forms RFC 8259 allows: every escape (short, \u in either
/// case, surrogate pairs), raw UTF-8, and white space between tokens. An independent writer for the reader tests.
/// </summary>
public static class VariedJsonText
{
    private static readonly string[] s_whitespace = ["", "", "", " ", "\n", "\r\n", "\t", "  \n\t "];

    public static byte[] Write(JsonNode? node, Random random)
    {
        var text = new StringBuilder();
        WriteValue(node, text, random);
        text.Append(Pick(random));
        return Encoding.UTF8.GetBytes(Pick(random) + text);
    }

    private static void WriteValue(JsonNode? node, StringBuilder text, Random random)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",").Append(Pick(random));
                    WriteValue(array[i], text, random);
                    text.Append(Pick(random));
                }

                text.Append(']');
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    text.Append(first ? "" : ",").Append(Pick(random));
                    WriteString(name, text, random);
                    text.Append(Pick(random)).Append(':').Append(Pick(random));
                    WriteValue(value, text, random);
                    text.Append(Pick(random));
                    first = false;
                }

                text.Append('}');
                break;
            default:
                if (node.GetValueKind() == JsonValueKind.String)
                {
                    WriteString(node.GetValue<string>(), text, random);
                }
                else
                {
                    text.Append(node.ToJsonString());
                }

                break;
        }
    }

    private static void WriteString(string value, StringBuilder text, Random random)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = random.Next(3) == 0;
            if (char.IsHighSurrogate(c))
            {
                // A pair is escaped as two \u escapes or written raw, never split (raw halves are not UTF-8).
                var low = value[++i];
                text.Append(escape ? UnicodeEscape(c, random) + UnicodeEscape(low, random) : value.Substring(i - 1, 2));
            }
            else if (c < 0x20 || c == '"' || c == '\\' || escape)
            {
                text.Append(random.Next(2) == 0 ? ShortEscape(c) ?? UnicodeEscape(c, random) : UnicodeEscape(c, random));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }

    private static string UnicodeEscape(char c, Random random)
    {
        var hex = ((int)c).ToString("x4", CultureInfo.InvariantCulture);
        return "\\u" + (random.Next(2) == 0 ? hex : hex.ToUpperInvariant());
    }

    private static string? ShortEscape(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '/' => "\\/",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => null,
    };

    private static string Pick(Random random) => s_whitespace[random.Next(s_whitespace.Length)];
}
