using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using ThaliNano.Json;
using JsonException = ThaliNano.Json.JsonException;

namespace ThaliNano.Core.Tests.Json;

public class JsonReaderTests
{
    [Fact]
    public void ReadsTheTokensSystemTextJsonReads()
    {
        JsonGen.Document.Sample(doc => Assert.Equal(JsonTokens.ReadWithSystemTextJson(doc.Utf8), JsonTokens.Read(doc.Utf8)));
    }

    [Fact]
    public void ReadsTheSameTokensFromAStreamWhateverItsChunks()
    {
        Gen.Select(JsonGen.Document, Gen.Int).Sample((doc, seed) =>
        {
            var expected = JsonTokens.Read(doc.Utf8);
            Assert.Equal(expected, JsonTokens.Read(new JsonReader(TrickleStream.OneByteAtATime(doc.Utf8), JsonReader.MinBufferSize, null)));
            Assert.Equal(expected, JsonTokens.Read(new JsonReader(TrickleStream.RandomChunks(doc.Utf8, seed))));
        });
    }

    [Fact]
    public void ReadsASegmentWithPositionsCountedFromItsStart()
    {
        Gen.Select(JsonGen.Document, Gen.Int[0, 5], Gen.Int[0, 5]).Sample((doc, before, after) =>
        {
            var padded = new byte[before + doc.Utf8.Length + after];
            Array.Fill(padded, (byte)'x');
            doc.Utf8.CopyTo(padded, before);
            Assert.Equal(JsonTokens.Read(doc.Utf8), JsonTokens.Read(new JsonReader(padded, before, doc.Utf8.Length)));
        });
    }

    [Fact]
    public void ValueEqualsComparesTheDecodedTextWithoutAllocating()
    {
        Gen.Select(JsonGen.String, JsonGen.String, Gen.Int).Sample((value, other, seed) =>
        {
            var obj = new JsonObject { [value] = value };
            var reader = ReaderOn(VariedJsonText.Write(obj, new Random(seed)), tokens: 2);
            Assert.Equal(JsonToken.PropertyName, reader.TokenType);
            Assert.True(reader.ValueEquals(value));
            Assert.Equal(value == other, reader.ValueEquals(other));
            Assert.False(reader.ValueEquals(value + "x"));
            Assert.True(value.Length == 0 || !reader.ValueEquals(value[..^1]));
            reader.Read();
            Assert.Equal(JsonToken.String, reader.TokenType);
            Assert.True(reader.ValueEquals(value));
            Assert.Equal(value == other, reader.ValueEquals(other));
        });
    }

    [Fact]
    public void ValueStartsWithAgreesWithTheDecodedText()
    {
        Gen.Select(JsonGen.String, Gen.Int[0, 8], Gen.Int).Sample((value, cut, seed) =>
        {
            var reader = ReaderOn(VariedJsonText.Write(new JsonObject { [value] = 1 }, new Random(seed)), tokens: 2);
            string prefix = value[..Math.Min(cut, value.Length)];
            Assert.Equal(value.StartsWith(prefix, StringComparison.Ordinal), reader.ValueStartsWith(prefix));
            Assert.False(reader.ValueStartsWith(value + "x"));
            Assert.True(reader.ValueStartsWith(value));
        });
        var escaped = ReaderOn(Encoding.UTF8.GetBytes("{\"\\u005fid\":1}"), tokens: 2);
        Assert.True(escaped.ValueStartsWith("_"));
    }

    [Fact]
    public void CopyPropertyNameToWritesWhatWritePropertyNameOfGetStringWrites()
    {
        Gen.Select(JsonGen.String, Gen.Int).Sample((name, seed) =>
        {
            var reader = ReaderOn(VariedJsonText.Write(new JsonObject { [name] = 1 }, new Random(seed)), tokens: 2);
            var copied = new MemoryStream();
            var expected = new MemoryStream();
            var a = new JsonWriter(copied);
            var b = new JsonWriter(expected);
            a.WriteStartObject();
            b.WriteStartObject();
            reader.CopyPropertyNameTo(a);
            b.WritePropertyName(reader.GetString());
            a.WriteNumber(1);
            b.WriteNumber(1);
            a.WriteEndObject();
            b.WriteEndObject();
            a.Flush();
            b.Flush();
            Assert.Equal(expected.ToArray(), copied.ToArray());
        });
    }

    [Fact]
    public void ValueEqualsIsFalseForOtherTokensAndLoneSurrogates()
    {
        var reader = ReaderOn("[1, \"\\ud83d\\ude00\"]"u8.ToArray(), tokens: 2);
        Assert.False(reader.ValueEquals("1"));
        reader.Read();
        Assert.True(reader.ValueEquals("\ud83d\ude00"));
        Assert.False(reader.ValueEquals("\ud83d"));
        Assert.False(reader.ValueEquals("\ude00"));
    }

    [Fact]
    public void GetInt64AcceptsExactlyTheIntegersThatFitIn64Bits()
    {
        JsonGen.Number.Sample(text =>
        {
            var reader = ReaderOn(Encoding.ASCII.GetBytes(text), tokens: 1);
            if (Regex.IsMatch(text, "^-?[0-9]+$") && BigInteger.Parse(text) is var value
                && value >= long.MinValue && value <= long.MaxValue)
            {
                Assert.Equal((long)value, reader.GetInt64());
            }
            else
            {
                Assert.Throws<JsonException>(() => reader.GetInt64());
            }
        });
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("-0", 0L)]
    public void GetInt64ReadsTheExtremes(string text, long expected)
    {
        Assert.Equal(expected, ReaderOn(Encoding.ASCII.GetBytes(text), tokens: 1).GetInt64());
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    public void GetInt64RejectsWhatDoesNotFit(string text)
    {
        var exception = Assert.Throws<JsonException>(() => ReaderOn(Encoding.ASCII.GetBytes(text), tokens: 1).GetInt64());
        Assert.Equal(0, exception.Position);
    }

    [Fact]
    public void AskingForAValueTheTokenDoesNotHoldIsAJsonExceptionAtTheToken()
    {
        var reader = ReaderOn("[\"a\", 1, null, true]"u8.ToArray(), tokens: 2);
        Assert.Equal(1, Assert.Throws<JsonException>(() => reader.GetInt64()).Position);
        Assert.Throws<JsonException>(() => reader.GetNumberText());
        Assert.Throws<JsonException>(() => reader.GetBoolean());
        reader.Read();
        Assert.Equal(6, Assert.Throws<JsonException>(() => reader.GetString()).Position);
        reader.Read();
        Assert.Throws<JsonException>(() => reader.GetBoolean());
        reader.Read();
        Assert.True(reader.GetBoolean());
    }

    [Fact]
    public void SkipLandsWhereSystemTextJsonSkipLands()
    {
        Gen.Select(JsonGen.Document, Gen.Int[0, 10_000]).Sample((doc, pick) =>
        {
            var count = JsonTokens.Read(doc.Utf8).Count;
            var skipAt = pick % count;
            var ours = ReaderOn(doc.Utf8, tokens: skipAt + 1);
            ours.Skip();
            var theirs = new Utf8JsonReader(doc.Utf8);
            for (var i = 0; i <= skipAt; i++)
            {
                theirs.Read();
            }

            theirs.Skip();
            Assert.Equal(theirs.TokenStartIndex, ours.Position);
            Assert.Equal(theirs.CurrentDepth, ours.Depth);
            var more = theirs.Read();
            Assert.Equal(more, ours.Read());
            Assert.True(!more || theirs.TokenStartIndex == ours.Position);
        });
    }

    [Fact]
    public void CopyValueToWritesTheValueWithItsNumberTextsAndStopsOnItsLastToken()
    {
        JsonGen.Document.Sample(doc =>
        {
            var reader = ReaderOn(doc.Utf8, tokens: 1);
            var output = new MemoryStream();
            reader.CopyValueTo(output);
            Assert.Equal(JsonGen.Canonical(doc.Utf8), JsonGen.Canonical(output.ToArray()));
            Assert.False(reader.Read());
        });
    }

    [Fact]
    public void CopyValueToOnAPropertyNameCopiesTheMember()
    {
        var reader = ReaderOn("{\"a\": [1, {\"b\": \"\\u00e9\"}], \"c\": 2}"u8.ToArray(), tokens: 2);
        var output = new MemoryStream();
        var writer = new JsonWriter(output);
        writer.WriteStartObject();
        reader.CopyValueTo(writer);
        writer.WriteEndObject();
        writer.Flush();

        Assert.Equal("{\"a\":[1,{\"b\":\"\\u00e9\"}]}", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(JsonToken.EndArray, reader.TokenType);
        reader.Read();
        Assert.True(reader.ValueEquals("c"));
    }

    [Fact]
    public void CopyValueToNeedsAValue()
    {
        var reader = ReaderOn("[]"u8.ToArray(), tokens: 2);
        Assert.Throws<InvalidOperationException>(() => reader.CopyValueTo(new MemoryStream()));
    }

    [Fact]
    public void NestingUpToTheLimitIsAcceptedAndOneMoreIsNot()
    {
        var limits = new JsonLimits { MaxDepth = 3 };
        Assert.Equal(8, JsonTokens.Read(new JsonReader("[{\"a\":[1]}]"u8.ToArray(), 0, 11, limits)).Count);

        var exception = Assert.Throws<JsonException>(() => JsonTokens.Read(new JsonReader("[{\"a\":[[1]]}]"u8.ToArray(), 0, 13, limits)));
        Assert.Equal("nesting deeper than 3", exception.Reason);
        Assert.Equal(7, exception.Position);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StringsUpToTheLimitAreAcceptedAndLongerOnesAreNot(bool fromStream)
    {
        var limits = new JsonLimits { MaxStringLength = 40 };
        Assert.Equal("\u00e9" + new string('a', 38), ReadOne("[\"\u00e9" + new string('a', 38) + "\"]", limits, fromStream).Text);

        var exception = Assert.Throws<JsonException>(() => ReadOne("[\"" + new string('a', 41) + "\"]", limits, fromStream));
        Assert.Equal("string longer than 40 bytes", exception.Reason);
        Assert.Equal(42, exception.Position);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NumbersUpToTheLimitAreAcceptedAndLongerOnesAreNot(bool fromStream)
    {
        var limits = new JsonLimits { MaxNumberLength = 20 };
        Assert.Equal("-1.5e" + new string('7', 15), ReadOne("[-1.5e" + new string('7', 15) + "]", limits, fromStream).Text);

        var exception = Assert.Throws<JsonException>(() => ReadOne("[" + new string('7', 21) + "]", limits, fromStream));
        Assert.Equal("number longer than 20 bytes", exception.Reason);
        Assert.Equal(21, exception.Position);
    }

    // An endless token from a hostile peer ends in a JsonException; the buffer doubles only up to about the limit.
    [Theory]
    [InlineData("\"", "a", "string longer than 100000 bytes", 100_001)]
    [InlineData("\"", "\\u00e9", "string longer than 100000 bytes", 100_001)]
    [InlineData("-", "1", "number longer than 100000 bytes", 100_000)]
    [InlineData("", "[", "nesting deeper than 32", 32)]
    public void EndlessInputIsRejectedWithinTheLimits(string start, string repeated, string reason, long position)
    {
        var limits = new JsonLimits { MaxStringLength = 100_000, MaxNumberLength = 100_000 };
        var endless = new EndlessStream(Encoding.ASCII.GetBytes(start), Encoding.ASCII.GetBytes(repeated));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Assert.Throws<JsonException>(() => JsonTokens.Read(new JsonReader(endless, 64, limits)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(reason, exception.Reason);
        Assert.Equal(position, exception.Position);
        Assert.True(allocated < 3 * 100_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ReadReturnsFalseOnceTheValueIsComplete()
    {
        var reader = ReaderOn(" 7 "u8.ToArray(), tokens: 1);
        Assert.Equal(JsonToken.Number, reader.TokenType);
        Assert.False(reader.Read());
        Assert.Equal(JsonToken.None, reader.TokenType);
        Assert.False(reader.Read());
    }

    private static (JsonToken Type, string? Text) ReadOne(string json, JsonLimits limits, bool fromStream)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = fromStream ? new JsonReader(TrickleStream.RandomChunks(bytes, 1), JsonReader.MinBufferSize, limits) : new JsonReader(bytes, 0, bytes.Length, limits);
        var token = JsonTokens.Read(reader)[1];
        return (token.Type, token.Text);
    }

    private static JsonReader ReaderOn(byte[] json, int tokens)
    {
        var reader = new JsonReader(json, 0, json.Length);
        for (var i = 0; i < tokens; i++)
        {
            Assert.True(reader.Read());
        }

        return reader;
    }

    /// <summary>A start followed by a pattern repeated forever.</summary>
    private sealed class EndlessStream(byte[] start, byte[] pattern) : ReadOnlyStream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++, _position++)
            {
                buffer[offset + i] = _position < start.Length ? start[_position] : pattern[(_position - start.Length) % pattern.Length];
            }

            return count;
        }
    }
}
