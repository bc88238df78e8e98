using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using ThaliNano.Json;

namespace ThaliNano.Core.Tests.Json;

public class JsonWriterTests
{
    [Fact]
    public void WritesCompactJsonThatSystemTextJsonReadsAsTheSameValue()
    {
        JsonGen.Value.Sample(node =>
        {
            var written = Write(writer => WriteNode(writer, node));
            Assert.Equal(ExpectedText(node), Encoding.UTF8.GetString(written));
            Assert.Equal(node?.ToJsonString() ?? "null", JsonGen.Canonical(written));
        });
    }

    [Fact]
    public void WritesTheSameBytesWhateverTheBufferSize()
    {
        Gen.Select(JsonGen.Value, Gen.Int[JsonWriter.MinBufferSize, 64]).Sample((node, bufferSize) =>
        {
            var raw = Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
            void Document(JsonWriter writer)
            {
                writer.WriteStartArray();
                WriteNode(writer, node);
                writer.WriteRawValue(raw, 0, raw.Length);
                writer.WriteEndArray();
            }

            Assert.Equal(Write(Document, 4096), Write(Document, bufferSize));
        });
    }

    [Fact]
    public void ReplacesLoneSurrogatesWithTheReplacementCharacter()
    {
        Gen.Char.Array[0, 10].Select(chars => new string(chars)).Sample(text =>
        {
            var written = Write(writer => writer.WriteString(text));
            var expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            Assert.Equal(expected, JsonSerializer.Deserialize<string>(written));
        });
    }

    [Fact]
    public void WritesIntegersAsTheBclFormatsThem()
    {
        Gen.Long.Sample(value => Encoding.ASCII.GetString(Write(writer => writer.WriteNumber(value)))
            == value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("-9223372036854775808", Encoding.ASCII.GetString(Write(writer => writer.WriteNumber(long.MinValue))));
        Assert.Equal("0", Encoding.ASCII.GetString(Write(writer => writer.WriteNumber(0))));
    }

    [Fact]
    public void AcceptsExactlyTheNumberTextsSystemTextJsonReadsAsANumber()
    {
        var texts = Gen.Frequency((1, JsonGen.Number), (3, Gen.Char["0123456789+-.eE"].Array[0, 8].Select(chars => new string(chars))));
        texts.Sample(text =>
        {
            bool accepted;
            try
            {
                Assert.Equal(text, Encoding.ASCII.GetString(Write(writer => writer.WriteNumberText(text))));
                accepted = true;
            }
            catch (ArgumentException)
            {
                accepted = false;
            }

            Assert.Equal(IsSingleNumber(text), accepted);
        });
    }

    [Fact]
    public void WriteRawValueWritesTheBytesVerbatimWithSeparators()
    {
        var raw = "{\"_id\":\"a\", \"n\":1.50}"u8.ToArray();
        var written = Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("docs");
            writer.WriteStartArray();
            writer.WriteRawValue(raw, 0, raw.Length);
            writer.WriteRawValue(raw, 1, 5);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        Assert.Equal("{\"docs\":[{\"_id\":\"a\", \"n\":1.50},\"_id\"]}", Encoding.UTF8.GetString(written));
    }

    public static TheoryData<string> MisuseNames => new(s_misuses.Keys);

    private static readonly Dictionary<string, Action<JsonWriter>> s_misuses = new()
    {
        ["value where a name is due"] = writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber(1);
        },
        ["name in an array"] = writer =>
        {
            writer.WriteStartArray();
            writer.WritePropertyName("a");
        },
        ["name at the top level"] = writer => writer.WritePropertyName("a"),
        ["two names in a row"] = writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("a");
            writer.WritePropertyName("b");
        },
        ["end of an object without its value"] = writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("a");
            writer.WriteEndObject();
        },
        ["end of an array inside an object"] = writer =>
        {
            writer.WriteStartObject();
            writer.WriteEndArray();
        },
        ["end of an object inside an array"] = writer =>
        {
            writer.WriteStartArray();
            writer.WriteEndObject();
        },
        ["end with nothing open"] = writer => writer.WriteEndArray(),
        ["second top-level value"] = writer =>
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
            writer.WriteNull();
        },
    };

    [Theory]
    [MemberData(nameof(MisuseNames))]
    public void MisuseIsAnInvalidOperation(string misuse)
    {
        var writer = new JsonWriter(new MemoryStream());
        Assert.Throws<InvalidOperationException>(() => s_misuses[misuse](writer));
    }

    [Fact]
    public void RejectsWhatIsNotAValue()
    {
        var writer = new JsonWriter(new MemoryStream());
        Assert.Throws<ArgumentNullException>(() => writer.WriteString(null!));
        Assert.Throws<ArgumentException>(() => writer.WriteNumberText("01"));
        Assert.Throws<ArgumentException>(() => writer.WriteRawValue([], 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonWriter(new MemoryStream(), JsonWriter.MinBufferSize - 1));
    }

    private static byte[] Write(Action<JsonWriter> write, int bufferSize = JsonWriter.DefaultBufferSize)
    {
        var output = new MemoryStream();
        var writer = new JsonWriter(output, bufferSize);
        write(writer);
        writer.Flush();
        return output.ToArray();
    }

    private static void WriteNode(JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNull();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteNode(writer, value);
                }

                writer.WriteEndObject();
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        writer.WriteString(node.GetValue<string>());
                        break;
                    case JsonValueKind.Number:
                        writer.WriteNumberText(node.ToJsonString());
                        break;
                    default:
                        writer.WriteBoolean(node.GetValueKind() == JsonValueKind.True);
                        break;
                }

                break;
        }
    }

    // The compact text as the writer documents it, from the RFC's rules: '"', '\' and control characters escaped
    // (the latter as \u00xx), everything else as UTF-8.
    private static string ExpectedText(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray array => "[" + string.Join(",", array.Select(ExpectedText)) + "]",
        JsonObject obj => "{" + string.Join(",", obj.Select(member => ExpectedString(member.Key) + ":" + ExpectedText(member.Value))) + "}",
        _ when node.GetValueKind() == JsonValueKind.String => ExpectedString(node.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    private static string ExpectedString(string value) =>
        "\"" + string.Concat(value.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            _ => c.ToString(),
        })) + "\"";

    private static bool IsSingleNumber(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.ASCII.GetBytes(text));
            return reader.Read() && reader.TokenType == JsonTokenType.Number && !reader.Read();
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    [Fact]
    public void ResetStartsAnotherTopLevelValueOnTheSameStream()
    {
        var stream = new MemoryStream();
        var writer = new JsonWriter(stream, 16);
        writer.WriteStartObject();
        writer.WritePropertyName("a");
        writer.WriteNumber(1);
        writer.WriteEndObject();
        writer.Flush();
        writer.Reset();
        stream.SetLength(0);
        writer.WriteStartArray(); // unfinished and unflushed: Reset drops it
        writer.Reset();
        writer.WriteStartObject();
        writer.WritePropertyName("b");
        writer.WriteBoolean(true);
        writer.WriteEndObject();
        writer.Flush();
        Assert.Equal("{\"b\":true}", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
