using System.Text;
using CsCheck;
using ThaliNano.Json;
using JsonException = ThaliNano.Json.JsonException;

namespace ThaliNano.Core.Tests.Json;

public class JsonConformanceTests
{
    public static TheoryData<string> AcceptedNames => new(JsonTestSuite.Accepted.Keys);

    public static TheoryData<string> RejectedNames => new(JsonTestSuite.Rejected.Keys);

    public static TheoryData<string> ImplementationNames => new(JsonTestSuite.Implementation.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(AcceptedNames))]
    public void AcceptsWhatRfc8259Allows(string name)
    {
        var json = JsonTestSuite.Accepted[name];
        var tokens = JsonTokens.Read(json);
        Assert.Equal(JsonTokens.ReadWithSystemTextJson(json), tokens);
        Assert.Equal(tokens, JsonTokens.Read(new JsonReader(TrickleStream.OneByteAtATime(json), JsonReader.MinBufferSize, null)));
    }

    [Theory]
    [MemberData(nameof(RejectedNames))]
    public void RejectsWhatRfc8259Forbids(string name)
    {
        var json = JsonTestSuite.Rejected[name];
        AssertRejected(json);
        Assert.True(name.StartsWith("n_limit_", StringComparison.Ordinal) || !JsonTokens.SystemTextJsonAccepts(json), "the case is valid JSON");
    }

    [Theory]
    [MemberData(nameof(ImplementationNames))]
    public void DecidesTheCasesRfc8259LeavesOpenAsDocumented(string name)
    {
        var (_, json, accepted) = JsonTestSuite.Implementation.Single(c => c.Name == name);
        if (accepted)
        {
            Assert.Equal(JsonTokens.ReadWithSystemTextJson(json), JsonTokens.Read(json));
        }
        else
        {
            AssertRejected(json);
        }
    }

    [Theory]
    [InlineData("", "the input holds no JSON value", 0)]
    [InlineData("[1,]", "trailing comma", 3)]
    [InlineData("{\"a\":1,}", "trailing comma", 7)]
    [InlineData("[01]", "leading zeros are not allowed", 2)]
    [InlineData("[-]", "expected a digit after '-'", 2)]
    [InlineData("[1.]", "expected a digit after the decimal point", 3)]
    [InlineData("[1e+]", "expected a digit in the exponent", 4)]
    [InlineData("[NaN]", "unexpected character 'N'", 1)]
    [InlineData("[tru]", "invalid literal, expected 'true'", 4)]
    [InlineData("[\"a", "unterminated string", 3)]
    [InlineData("[\"\\x\"]", "invalid escape \\x", 2)]
    [InlineData("[\"ab\\u12g4\"]", "invalid escape: \\u needs four hex digits", 4)]
    [InlineData("[\"\\udc00\"]", "lone low surrogate in a \\u escape", 2)]
    [InlineData("[\"\\ud800\\u0041\"]", "high surrogate in a \\u escape is not followed by a low surrogate escape", 2)]
    [InlineData("[\"a\nb\"]", "control character 0x0a in a string must be escaped", 3)]
    [InlineData("{'a':1}", "expected a property name in double quotes", 1)]
    [InlineData("{\"a\" 1}", "expected ':' after a property name", 5)]
    [InlineData("[1 2]", "expected ',' or ']'", 3)]
    [InlineData("{\"a\":1]", "expected ',' or '}'", 6)]
    [InlineData("[1] x", "unexpected data after the top-level value", 4)]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "nesting deeper than 32", 32)]
    public void ReportsWhatIsWrongAndWhere(string json, string reason, long position)
    {
        var exception = AssertRejected(Encoding.UTF8.GetBytes(json));
        Assert.Equal(reason, exception.Reason);
        Assert.Equal(position, exception.Position);
        Assert.Equal(reason + " at byte " + position, exception.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'1' }, "a byte order mark is not allowed", 0)]
    [InlineData(new byte[] { (byte)'[', 0x80, (byte)']' }, "unexpected byte 0x80", 1)]
    [InlineData(new byte[] { (byte)'"', 0x80, (byte)'"' }, "invalid UTF-8: unexpected continuation byte 0x80", 1)]
    [InlineData(new byte[] { (byte)'"', 0xC1, 0xBF, (byte)'"' }, "invalid UTF-8: overlong encoding", 1)]
    [InlineData(new byte[] { (byte)'"', 0xE0, 0x9F, 0xBF, (byte)'"' }, "invalid UTF-8: overlong encoding", 1)]
    [InlineData(new byte[] { (byte)'"', 0xF0, 0x8F, 0xBF, 0xBF, (byte)'"' }, "invalid UTF-8: overlong encoding", 1)]
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' }, "invalid UTF-8: encoded surrogate", 1)]
    [InlineData(new byte[] { (byte)'"', 0xF4, 0x90, 0x80, 0x80, (byte)'"' }, "invalid UTF-8: code point above U+10FFFF", 1)]
    [InlineData(new byte[] { (byte)'"', 0xF5, 0x80, 0x80, 0x80, (byte)'"' }, "invalid UTF-8: byte 0xf5 never appears in UTF-8", 1)]
    [InlineData(new byte[] { (byte)'"', 0xE2, 0x82, (byte)'"' }, "invalid UTF-8: sequence ends early", 1)]
    public void ReportsInvalidUtf8AtItsFirstByte(byte[] json, string reason, long position)
    {
        var exception = AssertRejected(json);
        Assert.Equal(reason, exception.Reason);
        Assert.Equal(position, exception.Position);
    }

    // The long limit cases are left out: their truncations all end inside one long token.
    [Fact]
    public void RejectsEveryTruncationOfTheAcceptedCases()
    {
        foreach (var json in JsonTestSuite.Accepted.Values.Where(json => json.Length < 1024))
        {
            for (var length = 0; length < IncompletePrefixCount(json); length++)
            {
                Assert.Equal(length, AssertRejected(json[..length]).Position);
            }
        }
    }

    [Fact]
    public void RejectsTruncationsOfGeneratedDocuments()
    {
        Gen.Select(JsonGen.Document, Gen.Int[0, int.MaxValue].Array[20]).Sample((doc, cuts) =>
        {
            var count = IncompletePrefixCount(doc.Utf8);
            foreach (var cut in count == 0 ? [] : cuts)
            {
                var length = cut % count;
                Assert.Equal(length, AssertRejected(doc.Utf8[..length]).Position);
            }
        });
    }

    // Random damage: the reader accepts exactly what System.Text.Json accepts (held to the same rules), and throws
    // nothing but JsonException.
    [Fact]
    public void DamagedDocumentsAreAcceptedExactlyWhenValid()
    {
        var interesting = Gen.OneOf<byte>(
            (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'"', (byte)'\\', (byte)'u', (byte)'0', (byte)'-',
            (byte)'.', (byte)'e', (byte)' ', 0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xE0, 0xED, 0xF0, 0xF4, 0xFF);
        var mutation = Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Frequency((3, interesting), (1, Gen.Byte)));
        Gen.Select(JsonGen.Document, mutation.Array[1, 4]).Sample((doc, mutations) =>
        {
            var bytes = doc.Utf8.ToList();
            foreach (var (kind, at, value) in mutations)
            {
                var index = at % (bytes.Count + 1);
                if (kind == 0 && index < bytes.Count)
                {
                    bytes[index] = value;
                }
                else if (kind == 1 || bytes.Count == 0)
                {
                    bytes.Insert(index, value);
                }
                else
                {
                    bytes.RemoveAt(Math.Min(index, bytes.Count - 1));
                }
            }

            var json = bytes.ToArray();
            if (JsonTokens.SystemTextJsonAccepts(json))
            {
                Assert.Equal(JsonTokens.ReadWithSystemTextJson(json), JsonTokens.Read(json));
            }
            else
            {
                AssertRejected(json);
            }
        }, iter: 1500);
    }

    /// <summary>Rejected alike from memory and from a stream trickling one byte at a time, within the input's bounds.</summary>
    private static JsonException AssertRejected(byte[] json)
    {
        var exception = Assert.Throws<JsonException>(() => JsonTokens.Read(json));
        Assert.InRange(exception.Position, 0, json.Length);
        var fromStream = Assert.Throws<JsonException>(() =>
            JsonTokens.Read(new JsonReader(TrickleStream.OneByteAtATime(json), JsonReader.MinBufferSize, null)));
        Assert.Equal(exception.Message, fromStream.Message);
        return exception;
    }

    // The prefixes json[..length] with length below this count end before the last non-white-space byte, so they
    // cannot be complete, unless the value is a bare number (whose prefixes can be numbers themselves): then none.
    private static int IncompletePrefixCount(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json).TrimStart();
        if (text.Length == 0 || text[0] == '-' || char.IsAsciiDigit(text[0]))
        {
            return 0;
        }

        return Array.FindLastIndex(json, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
    }
}
