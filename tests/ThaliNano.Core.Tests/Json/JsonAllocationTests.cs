using System.Text;
using ThaliNano.Json;

namespace ThaliNano.Core.Tests.Json;

// The bounds are the measured allocations (README) plus a little room; allocations must not grow with the document.
public class JsonAllocationTests
{
    private static readonly string[] s_names = ["_id", "_rev", "_deleted", "docs"];

    [Fact]
    public void ReadingTokenByTokenAllocatesOnlyTheReader()
    {
        var small = CouchDocuments(6);
        var large = CouchDocuments(60);
        Assert.InRange(small.Length, 900, 1200);

        var fromArray = MeasureReading(() => new JsonReader(small, 0, small.Length));
        Assert.True(fromArray <= 160, $"reading from an array allocated {fromArray} bytes");
        Assert.Equal(fromArray, MeasureReading(() => new JsonReader(large, 0, large.Length)));

        var smallStream = new MemoryStream(small);
        var largeStream = new MemoryStream(large);
        var fromStream = MeasureReading(() => new JsonReader(Rewound(smallStream)));
        Assert.True(fromStream <= 440, $"reading from a stream allocated {fromStream} bytes");
        Assert.Equal(fromStream, MeasureReading(() => new JsonReader(Rewound(largeStream))));
    }

    [Fact]
    public void WritingAllocatesOnlyTheWriter()
    {
        var output = new MemoryStream(64 * 1024);
        var small = MeasureWriting(output, 6);
        Assert.True(small <= 400, $"writing allocated {small} bytes");
        Assert.Equal(small, MeasureWriting(output, 60));
    }

    [Fact]
    public void CopyingAValueAllocatesOnlyTheReaderAndWriter()
    {
        var output = new MemoryStream(64 * 1024);
        var small = MeasureCopying(CouchDocuments(6), output);
        Assert.True(small <= 560, $"copying allocated {small} bytes");
        Assert.Equal(small, MeasureCopying(CouchDocuments(60), output));
    }

    // A _bulk_docs body of count CouchDB documents, about 170 bytes each.
    private static byte[] CouchDocuments(int count)
    {
        var text = new StringBuilder("{\"docs\":[");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(
                $"{{\"_id\":\"doc-{i:D4}\",\"_rev\":\"3-967a00dff5e02add41819138abb3284d\",\"_revisions\":{{\"start\":3,\"ids\":[\"967a00dff5e02add41819138abb3284d\"]}},\"n\":{i},\"ok\":true,\"tag\":null}}");
        }

        return Encoding.UTF8.GetBytes(text.Append("],\"new_edits\":false}").ToString());
    }

    private static MemoryStream Rewound(MemoryStream stream)
    {
        stream.Position = 0;
        return stream;
    }

    private static long MeasureReading(Func<JsonReader> open)
    {
        long Once()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var reader = open();
            var matches = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonToken.PropertyName)
                {
                    foreach (var name in s_names)
                    {
                        matches += reader.ValueEquals(name) ? 1 : 0;
                    }
                }
                else if (reader.TokenType == JsonToken.Number)
                {
                    matches += (int)reader.GetInt64();
                }
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(matches > 0);
            return allocated;
        }

        Once();
        return Once();
    }

    private static long MeasureWriting(MemoryStream output, int documents)
    {
        long Once()
        {
            output.SetLength(0);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var writer = new JsonWriter(output);
            writer.WriteStartObject();
            writer.WritePropertyName("docs");
            writer.WriteStartArray();
            for (var i = 0; i < documents; i++)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("_id");
                writer.WriteString("doc-0001");
                writer.WritePropertyName("_rev");
                writer.WriteString("3-967a00dff5e02add41819138abb3284d");
                writer.WritePropertyName("n");
                writer.WriteNumber(i);
                writer.WritePropertyName("ratio");
                writer.WriteNumberText("0.25");
                writer.WritePropertyName("ok");
                writer.WriteBoolean(true);
                writer.WritePropertyName("tag");
                writer.WriteNull();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Once();
        return Once();
    }

    private static long MeasureCopying(byte[] json, MemoryStream output)
    {
        long Once()
        {
            output.SetLength(0);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var reader = new JsonReader(json, 0, json.Length);
            reader.Read();
            reader.CopyValueTo(output);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(json.Length, output.Length);
            return allocated;
        }

        Once();
        return Once();
    }
}
