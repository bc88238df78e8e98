using System.Text;
using Microsoft.Diagnostics.Runtime;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// Every live object of a heap dump (<see cref="PeakDumps"/>: the child writes its own, so nothing attaches to it), by
/// type: count, bytes as the host's 64-bit runtime lays them out, and an estimate of the same objects under the nanoCLR
/// (<see cref="NanoBytes"/>). Two censuses subtract, so the objects the hub added show up by type.
/// </summary>
internal sealed class HeapCensus
{
    /// <summary>The nanoCLR's heap block: every object header, field and reference-array element is one.</summary>
    public const int Block = 12;

    private static readonly string s_dacFileName = OperatingSystem.IsWindows() ? "mscordaccore.dll" : OperatingSystem.IsMacOS() ? "libmscordaccore.dylib" : "libmscordaccore.so";

    public HeapCensus(Dictionary<string, Tally> types) => Types = types;

    /// <summary>
    /// The DAC of this process's runtime, which the child runs on too: ClrMD does not find it on Linux by itself, and
    /// callers turn its version check off: it is the same file.
    /// </summary>
    public static string DacPath => Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), s_dacFileName);

    public Dictionary<string, Tally> Types { get; }

    /// <summary>The live objects of the dump (<see cref="LiveObjects"/>).</summary>
    public static HeapCensus Read(string dumpPath)
    {
        var types = new Dictionary<string, Tally>();
        var fieldBlocks = new Dictionary<ClrType, long>();
        using DataTarget target = DataTarget.LoadDump(dumpPath);
        using ClrRuntime runtime = target.ClrVersions[0].CreateRuntime(DacPath, ignoreMismatch: true);
        foreach (ClrObject o in LiveObjects.Reachable(runtime.Heap).Values)
        {
            string name = o.Type!.Name ?? "?";
            types.TryGetValue(name, out Tally tally);
            types[name] = new Tally(tally.Count + 1, tally.HostBytes + (long)o.Size, tally.NanoBytes + NanoBytes(o, o.Type, fieldBlocks));
        }

        return new HeapCensus(types);
    }

    public long HostBytes => Types.Values.Sum(t => t.HostBytes);

    /// <summary>By type, this census less <paramref name="baseline"/>: what was added since (negative: freed).</summary>
    public Dictionary<string, Tally> Since(HeapCensus baseline)
    {
        var delta = new Dictionary<string, Tally>();
        foreach (string name in Types.Keys.Union(baseline.Types.Keys))
        {
            Types.TryGetValue(name, out Tally now);
            baseline.Types.TryGetValue(name, out Tally before);
            var d = new Tally(now.Count - before.Count, now.HostBytes - before.HostBytes, now.NanoBytes - before.NanoBytes);
            if (d.Count != 0 || d.HostBytes != 0)
            {
                delta[name] = d;
            }
        }

        return delta;
    }

    /// <summary>
    /// The object's size on the nanoCLR, estimated from its shape: a header block plus one block per instance field (a
    /// struct field also boxes the struct: its own header and fields); an array a 2-block header plus its elements
    /// (primitives packed, anything else one block each); a string a header block plus its UTF-8 bytes and a NUL;
    /// everything rounded up to whole blocks. Host-only types (threads, safe handles) keep their host shape.
    /// </summary>
    public static long NanoBytes(ClrObject o, ClrType type, Dictionary<ClrType, long> fieldBlocks)
    {
        if (type.IsString)
        {
            string text = o.AsString() ?? string.Empty;
            return Block + RoundUp(Encoding.UTF8.GetByteCount(text) + 1);
        }

        if (type.IsArray)
        {
            int length = o.AsArray().Length;
            int element = type.ComponentType is { } component && IsPrimitive(component.ElementType) ? type.ComponentSize : Block;
            return (2 * Block) + RoundUp((long)length * element);
        }

        return Block + (Block * FieldBlocks(type, fieldBlocks));
    }

    private static long FieldBlocks(ClrType type, Dictionary<ClrType, long> cache)
    {
        if (cache.TryGetValue(type, out long blocks))
        {
            return blocks;
        }

        cache[type] = 0;
        foreach (ClrInstanceField field in type.Fields)
        {
            blocks++;
            if (field.IsValueType && !field.IsPrimitive && field.Type is { } structType)
            {
                blocks += 1 + FieldBlocks(structType, cache);
            }
        }

        cache[type] = blocks;
        return blocks;
    }

    private static bool IsPrimitive(ClrElementType e) => e is ClrElementType.Boolean or ClrElementType.Char or ClrElementType.Int8
        or ClrElementType.UInt8 or ClrElementType.Int16 or ClrElementType.UInt16 or ClrElementType.Int32 or ClrElementType.UInt32
        or ClrElementType.Int64 or ClrElementType.UInt64 or ClrElementType.Float or ClrElementType.Double;

    private static long RoundUp(long bytes) => (bytes + Block - 1) / Block * Block;

    /// <summary>Objects of one type: how many, host bytes, estimated nanoCLR bytes.</summary>
    public readonly record struct Tally(long Count, long HostBytes, long NanoBytes);
}
