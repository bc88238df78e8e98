using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ThaliNano.Discovery.Tests")]
