using BenchmarkDotNet.Running;
using ThaliNano.Benchmarks.Connections;
using ThaliNano.Benchmarks.Memory;
using ThaliNano.Benchmarks.Mesh;
using ThaliNano.Benchmarks.Replication;
using ThaliNano.Benchmarks.Store;

if (args.Length > 0 && args[0] == "store")
{
    return StoreReport.Run(args[1..]);
}

// "replication" runs the PouchDB replication table (Replication/ReplicationBenchmark.cs).
if (args.Length > 0 && args[0] == "replication")
{
    return ReplicationBenchmark.Run(args[1..]);
}

// "connections" runs the connection-slot attack table (Connections/ConnectionsBenchmark.cs).
if (args.Length > 0 && args[0] == "connections")
{
    return ConnectionsBenchmark.Run(args[1..]);
}

// "mesh" runs a carrier's pick-up over HTTPS and the simulated BLE link (Mesh/MeshContactBenchmark.cs).
if (args.Length > 0 && args[0] == "mesh")
{
    return MeshContactBenchmark.Run(args[1..]);
}

// "memory" runs the whole-hub memory benchmark per board (Memory/MemoryBenchmark.cs), which re-launches this program as
// its child "memory-child" (Memory/MemoryChild.cs): the hub alone in a process.
if (args.Length > 0 && args[0] == "memory")
{
    return MemoryBenchmark.Run(args[1..]);
}

if (args.Length > 0 && args[0] == MemoryChild.Verb)
{
    return MemoryChild.Run(args[1..]);
}

// ... and reads the child's heap dumps in "memory-dump-reader" processes (Memory/DumpReaderProcess.cs).
if (args.Length > 0 && args[0] == DumpReaderProcess.Verb)
{
    return DumpReaderProcess.Serve(args[1..]);
}

// In process: an out-of-process run rebuilds the device projects into one output folder, where the assembly of their
// nanoFramework type-check build can replace the net10.0 one.
string[] benchmarkArgs = args.Contains("--inProcess") ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs);
return 0;
