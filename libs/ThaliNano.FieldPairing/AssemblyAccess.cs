using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ThaliNano.FieldPairing.Tests")]
