using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ThaliNano.Json;

namespace ThaliNano.Benchmarks.Json;

/// <summary>
/// ThaliNano's JsonReader and JsonWriter against System.Text.Json's Utf8JsonReader and Utf8JsonWriter (the
/// baselines) on the same CouchDB-shaped documents: a token walk, and a re-write of the whole text to a stream.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonBenchmarks
{
    private const string Read = "Read";
    private const string Rewrite = "Rewrite";

    private readonly MemoryStream _output = new();
    private readonly byte[] _scratch = new byte[1024];
    private byte[] _json = [];

    [Params(JsonDocuments.Document, JsonDocuments.BulkDocs, JsonDocuments.Changes)]
    public string Document { get; set; } = JsonDocuments.Document;

    [GlobalSetup]
    public void Setup()
    {
        _json = JsonDocuments.Get(Document);
        _output.Capacity = 2 * _json.Length;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Read)]
    public int SystemTextJsonRead()
    {
        var reader = new Utf8JsonReader(_json);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    [BenchmarkCategory(Read)]
    public int ThaliNanoRead()
    {
        var reader = new JsonReader(_json, 0, _json.Length);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    // Token by token without allocating strings: names and strings unescaped into a scratch buffer, numbers raw.
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Rewrite)]
    public long SystemTextJsonRewrite()
    {
        _output.Position = 0;
        var reader = new Utf8JsonReader(_json);
        using var writer = new Utf8JsonWriter(_output);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    writer.WritePropertyName(_scratch.AsSpan(0, reader.CopyString(_scratch)));
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(_scratch.AsSpan(0, reader.CopyString(_scratch)));
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }

        writer.Flush();
        return _output.Position;
    }

    // The hub's way: the whole value copied token by token, strings and numbers byte for byte.
    [Benchmark]
    [BenchmarkCategory(Rewrite)]
    public long ThaliNanoRewrite()
    {
        _output.Position = 0;
        var reader = new JsonReader(_json, 0, _json.Length);
        reader.Read();
        reader.CopyValueTo(_output);
        return _output.Position;
    }
}
