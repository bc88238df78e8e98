using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ThaliNano.Mesh.Tests")]
