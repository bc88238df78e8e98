using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace ThaliNano.Core.Tests.Json;

/// <summary>A generated JSON value and one UTF-8 text of it.</summary>
public sealed record JsonDocumentCase(JsonNode? Node, byte[] Utf8)
{
    public override string ToString() => Encoding.UTF8.GetString(Utf8);
}

/// <summary>Generators of JSON values (deep, wide, every kind of character and number) and of texts for them.</summary>
public static class JsonGen
{
    // Code points of every UTF-8 length, with those JSON must or may escape weighted up.
    public static readonly Gen<int> CodePoint = Gen.Frequency(
        (6, Gen.Int[0x20, 0x7E]),
        (2, Gen.Int[0x00, 0x1F]),
        (2, Gen.OneOf('"', '\\', '/', '\u007F').Select(c => (int)c)),
        (2, Gen.Int[0x80, 0x7FF]),
        (2, Gen.Int[0x800, 0xD7FF]),
        (1, Gen.Int[0xE000, 0xFFFF]),
        (2, Gen.Int[0x10000, 0x10FFFF]));

    public static readonly Gen<string> String =
        CodePoint.Array[0, 12].Select(codePoints => string.Concat(codePoints.Select(char.ConvertFromUtf32)));

    private static readonly Gen<string> s_digits = Gen.Char["0123456789"].Array[1, 12].Select(digits => new string(digits));

    /// <summary>Number texts of every form the grammar allows, and 64-bit integers.</summary>
    public static readonly Gen<string> Number = Gen.Frequency(
        (1, Gen.Long.Select(value => value.ToString(CultureInfo.InvariantCulture))),
        (3, Gen.Select(
            Gen.OneOf("", "-"),
            Gen.Frequency((1, Gen.Const("0")), (3, Gen.Select(Gen.Char["123456789"], Gen.Char["0123456789"].Array[0, 20], (first, rest) => first + new string(rest)))),
            Gen.Frequency((2, Gen.Const("")), (1, s_digits.Select(digits => "." + digits))),
            Gen.Frequency((2, Gen.Const("")), (1, Gen.Select(Gen.OneOf("e", "E"), Gen.OneOf("", "+", "-"), s_digits, (e, sign, digits) => e + sign + digits))),
            (sign, integer, fraction, exponent) => sign + integer + fraction + exponent)));

    private static readonly Gen<JsonNode?> s_leaf = Gen.Frequency(
        (3, String.Select(text => (JsonNode?)JsonValue.Create(text))),
        (3, Number.Select(text => JsonNode.Parse(text))),
        (1, Gen.Int[0, 2].Select(kind => kind switch
        {
            0 => (JsonNode?)JsonValue.Create(true),
            1 => JsonValue.Create(false),
            _ => null,
        })));

    private static readonly Gen<JsonNode?> s_tree = Gen.Recursive<JsonNode?>((depth, self) => depth >= 6
        ? s_leaf
        : Gen.Frequency(
            (3, s_leaf),
            (1, self.Array[0, 10].Select(items => (JsonNode?)new JsonArray(items))),
            (1, Gen.Select(String, self).Array[0, 10].Select(members => (JsonNode?)new JsonObject(
                members.DistinctBy(member => member.Item1).Select(member => KeyValuePair.Create(member.Item1, member.Item2)))))));

    // Nested as deep as the reader's default limit allows, objects and arrays alternating at random.
    private static readonly Gen<JsonNode?> s_deep = Gen.Select(Gen.Bool.Array[1, 32], s_leaf, (objects, leaf) =>
    {
        JsonNode? node = leaf;
        foreach (bool isObject in objects)
        {
            node = isObject ? new JsonObject { ["k"] = node } : new JsonArray(node);
        }

        return node;
    });

    public static readonly Gen<JsonNode?> Value = Gen.Frequency((5, s_tree), (1, s_deep));

    private static readonly JsonSerializerOptions[] s_serializerOptions =
    [
        new() { Encoder = JavaScriptEncoder.Default },
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true },
    ];

    /// <summary>Values with a text from System.Text.Json, or from <see cref="VariedJsonText"/> with random escapes and white space.</summary>
    public static readonly Gen<JsonDocumentCase> Document = Gen.Select(Value, Gen.Int[0, s_serializerOptions.Length], Gen.Int, (node, style, seed) =>
        new JsonDocumentCase(node, style < s_serializerOptions.Length
            ? Encoding.UTF8.GetBytes(node?.ToJsonString(s_serializerOptions[style]) ?? "null")
            : VariedJsonText.Write(node, new Random(seed))));

    /// <summary>System.Text.Json's compact text of the JSON in utf8: equal for equal values with equal number texts.</summary>
    public static string Canonical(byte[] utf8) => JsonNode.Parse(utf8)?.ToJsonString() ?? "null";
}
