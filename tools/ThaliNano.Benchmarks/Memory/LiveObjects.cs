using Microsoft.Diagnostics.Runtime;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>The objects of a heap that its roots (stacks, statics, handles) reach, the runtime's frozen literals left out (they are flash on the device).</summary>
internal static class LiveObjects
{
    public static Dictionary<ulong, ClrObject> Reachable(ClrHeap heap)
    {
        var live = new Dictionary<ulong, ClrObject>();
        var pending = new Stack<ClrObject>();
        foreach (ClrRoot root in heap.EnumerateRoots())
        {
            pending.Push(root.Object);
        }

        while (pending.Count > 0)
        {
            ClrObject o = pending.Pop();
            if (o.IsNull || !o.IsValid || o.IsFree || o.Type is null || live.ContainsKey(o.Address)
                || heap.GetSegmentByAddress(o.Address) is not { } segment || segment.Kind == GCSegmentKind.Frozen)
            {
                continue;
            }

            live[o.Address] = o;
            foreach (ClrObject reference in o.EnumerateReferences(carefully: false, considerDependantHandles: true))
            {
                pending.Push(reference);
            }
        }

        return live;
    }
}
