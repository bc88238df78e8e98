using BenchmarkDotNet.Running;
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
