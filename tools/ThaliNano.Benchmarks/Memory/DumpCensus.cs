using Microsoft.Diagnostics.Runtime;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// In the parent: the objects of a <see cref="PeakDumps"/> dump that were live at the sampler's collection (generation 1
/// and up; frozen literals left out: they are flash on the device), split between the hub and the host's runtime. An
/// object is the runtime's when the chain of objects referring to it reaches a static field of a type outside ThaliNano
/// before it reaches a ThaliNano object, or an object nothing refers to that is the runtime's per-thread storage
/// (thread statics, ArrayPool's and the thread pool's): the cast cache, the thread pool, ArrayPool's caches, the
/// console, which the nanoCLR has none of. Everything else is the hub's: its objects, what they refer to, and what only
/// a stack holds (threads included).
/// The benchmark's own sampler and dump list count for neither.
/// </summary>
internal sealed class DumpCensus
{
    private const int MaxChain = 64;
    private static readonly string[] s_instrument = ["ThaliNano.Benchmarks.Memory.HeapSampler", "ThaliNano.Benchmarks.Memory.PeakDump"];

    // What the runtime roots for each thread: the thread-static storage arrays, ArrayPool's and the thread pool's per-thread state.
    private static readonly string[] s_runtimeStorage = ["System.Object[]", "System.Buffers.", "System.Threading.ThreadPool"];

    private DumpCensus(long hubBytes, long runtimeBytes, Dictionary<string, long> hubOwners)
    {
        HubBytes = hubBytes;
        RuntimeBytes = runtimeBytes;
        HubOwners = hubOwners;
    }

    public long HubBytes { get; }

    public long RuntimeBytes { get; }

    /// <summary>The hub's bytes by the nearest ThaliNano object holding them ("stack" for what no object holds).</summary>
    public Dictionary<string, long> HubOwners { get; }

    public static DumpCensus Read(string path)
    {
        using DataTarget target = DataTarget.LoadDump(path);
        using ClrRuntime runtime = target.ClrVersions[0].CreateRuntime(HeapCensus.DacPath, ignoreMismatch: true);
        ClrHeap heap = runtime.Heap;
        Dictionary<ulong, ClrObject> live = LiveAtLastFullCollection(heap);
        Dictionary<ulong, string> staticOwners = StaticOwners(runtime);
        Dictionary<ulong, ulong> referrers = Referrers(live);

        long hub = 0;
        long other = 0;
        var owners = new Dictionary<string, long>();
        foreach (ClrObject o in live.Values)
        {
            string? owner = Owner(o.Address, live, staticOwners, referrers);
            if (owner == null)
            {
                other += (long)o.Size;
                continue;
            }

            hub += (long)o.Size;
            owners[owner] = owners.GetValueOrDefault(owner) + (long)o.Size;
        }

        return new DumpCensus(hub, other, owners);
    }

    private static Dictionary<ulong, ClrObject> LiveAtLastFullCollection(ClrHeap heap)
    {
        var live = new Dictionary<ulong, ClrObject>();
        foreach (ClrObject o in heap.EnumerateObjects())
        {
            if (o.IsValid && !o.IsFree && o.Type != null && heap.GetSegmentByAddress(o.Address) is { } segment
                && segment.Kind != GCSegmentKind.Frozen && segment.GetGeneration(o.Address) != Generation.Generation0)
            {
                live[o.Address] = o;
            }
        }

        return live;
    }

    /// <summary>Objects held by a static field, and the type declaring it.</summary>
    private static Dictionary<ulong, string> StaticOwners(ClrRuntime runtime)
    {
        var owners = new Dictionary<ulong, string>();
        ClrAppDomain domain = runtime.AppDomains[0];
        foreach (ClrModule module in runtime.EnumerateModules())
        {
            foreach ((ulong methodTable, _) in module.EnumerateTypeDefToMethodTableMap())
            {
                if (runtime.GetTypeByMethodTable(methodTable) is not { } type)
                {
                    continue;
                }

                foreach (ClrStaticField field in type.StaticFields)
                {
                    if (field.IsObjectReference && field.IsInitialized(domain) && field.ReadObject(domain) is { IsNull: false } value)
                    {
                        owners.TryAdd(value.Address, type.Name ?? "?");
                    }
                }
            }
        }

        return owners;
    }

    /// <summary>For each object, one object referring to it, a ThaliNano one when there is one.</summary>
    private static Dictionary<ulong, ulong> Referrers(Dictionary<ulong, ClrObject> live)
    {
        var referrers = new Dictionary<ulong, ulong>();
        foreach (ClrObject o in live.Values)
        {
            bool ours = IsThaliNano(o.Type!.Name);
            foreach (ClrObject target in o.EnumerateReferences(carefully: false, considerDependantHandles: true))
            {
                if (target.Address != o.Address && live.ContainsKey(target.Address) && (ours || !referrers.ContainsKey(target.Address)))
                {
                    referrers[target.Address] = o.Address;
                }
            }
        }

        return referrers;
    }

    /// <summary>The ThaliNano type owning the object ("stack" when nothing holds it), or null when it is the runtime's or the benchmark's.</summary>
    private static string? Owner(ulong address, Dictionary<ulong, ClrObject> live, Dictionary<ulong, string> staticOwners, Dictionary<ulong, ulong> referrers)
    {
        ulong at = address;
        for (int i = 0; i < MaxChain; i++)
        {
            string name = live[at].Type!.Name ?? "?";
            if (IsThaliNano(name))
            {
                return s_instrument.Any(name.StartsWith) ? null : name;
            }

            if (staticOwners.TryGetValue(at, out string? declaring))
            {
                return IsThaliNano(declaring) ? declaring : null;
            }

            if (!referrers.TryGetValue(at, out ulong referrer))
            {
                return s_runtimeStorage.Any(name.StartsWith) ? null : "stack";
            }

            at = referrer;
        }

        return "stack";
    }

    private static bool IsThaliNano(string? name) => name != null && name.StartsWith("ThaliNano.", StringComparison.Ordinal);
}
