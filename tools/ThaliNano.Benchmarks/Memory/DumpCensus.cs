using Microsoft.Diagnostics.Runtime;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// In a <see cref="DumpReaderProcess"/>: the live objects of a <see cref="PeakDumps"/> dump (what its roots reach, <see cref="LiveObjects"/>: the
/// objects at the instant of the dump, written right after a sample's collection), split between the hub and the host's
/// runtime. An object is the runtime's when the chain of objects referring to it reaches a static field of a type
/// outside ThaliNano before it reaches a ThaliNano object, or an object nothing refers to that is the runtime's per-thread storage
/// (thread statics, ArrayPool's and the thread pool's): the cast cache, the thread pool, ArrayPool's caches, the
/// console, which the nanoCLR has none of. Everything else is the hub's: its objects, what they refer to, and what only
/// a stack holds (threads included). The benchmark's own sampler, dump list, the diagnostics client writing the dump,
/// and what only the stacks of the child's main thread (its command loop) and of the sampler hold count for neither.
/// </summary>
/// <param name="HubOwners">The hub's bytes by the nearest ThaliNano object holding them ("stack" for what no object holds).</param>
internal sealed record DumpCensus(long HubBytes, long RuntimeBytes, Dictionary<string, long> HubOwners)
{
    private const int MaxChain = 64;
    // The sampler, the dump list and the diagnostics client that writes each dump (its IPC socket is open meanwhile).
    private static readonly string[] s_instrument =
        ["ThaliNano.Benchmarks.Memory.HeapSampler", "ThaliNano.Benchmarks.Memory.PeakDump", "Microsoft.Diagnostics.NETCore.Client."];

    // What the runtime roots for each thread: the thread-static storage arrays, ArrayPool's and the thread pool's per-thread state.
    private static readonly string[] s_runtimeStorage = ["System.Object[]", "System.Buffers.", "System.Threading.ThreadPool"];

    public static DumpCensus Read(string path)
    {
        using DataTarget target = DataTarget.LoadDump(path);
        using ClrRuntime runtime = target.ClrVersions[0].CreateRuntime(HeapCensus.DacPath, ignoreMismatch: true);
        ClrHeap heap = runtime.Heap;
        Dictionary<ulong, ClrObject> live = LiveObjects.Reachable(heap);
        Dictionary<ulong, string> staticOwners = StaticOwners(runtime);
        Dictionary<ulong, ulong> referrers = Referrers(live);
        HashSet<ulong> instrumentLocals = InstrumentLocals(heap);

        long hub = 0;
        long other = 0;
        var owners = new Dictionary<string, long>();
        foreach (ClrObject o in live.Values)
        {
            string? owner = Owner(o.Address, live, staticOwners, referrers, instrumentLocals);
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

    /// <summary>
    /// What the stacks of the benchmark's own threads hold: the child's main thread (its command loop; it starts the hub,
    /// whose objects it holds through a ThaliNano object anyway) and any thread with an instrument on its stack (the
    /// sampler, writing the dump).
    /// </summary>
    private static HashSet<ulong> InstrumentLocals(ClrHeap heap)
    {
        ClrStackRoot[] stackRoots = [.. heap.EnumerateRoots().OfType<ClrStackRoot>()];
        HashSet<int> threads = [1];
        foreach (ClrStackRoot root in stackRoots)
        {
            if (root.StackFrame?.Thread is { } thread && root.Object.Type?.Name is { } name && s_instrument.Any(name.StartsWith))
            {
                threads.Add(thread.ManagedThreadId);
            }
        }

        return [.. stackRoots.Where(r => r.StackFrame?.Thread is { } t && threads.Contains(t.ManagedThreadId)).Select(r => r.Object.Address)];
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
    private static string? Owner(ulong address, Dictionary<ulong, ClrObject> live, Dictionary<ulong, string> staticOwners, Dictionary<ulong, ulong> referrers,
        HashSet<ulong> instrumentLocals)
    {
        ulong at = address;
        for (int i = 0; i < MaxChain; i++)
        {
            string name = live[at].Type!.Name ?? "?";
            if (s_instrument.Any(name.StartsWith))
            {
                return null;
            }

            if (IsThaliNano(name))
            {
                return name;
            }

            if (staticOwners.TryGetValue(at, out string? declaring))
            {
                return IsThaliNano(declaring) ? declaring : null;
            }

            if (!referrers.TryGetValue(at, out ulong referrer))
            {
                return s_runtimeStorage.Any(name.StartsWith) || instrumentLocals.Contains(at) ? null : "stack";
            }

            at = referrer;
        }

        return "stack";
    }

    private static bool IsThaliNano(string? name) => name != null && name.StartsWith("ThaliNano.", StringComparison.Ordinal);
}
