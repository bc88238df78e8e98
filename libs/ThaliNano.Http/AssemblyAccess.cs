using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ThaliNano.Http.Tests")]
