using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>Wire timestamps written as RFC 3339 text, which reads better in tests than constructors.</summary>
internal static class Timestamps
{
    public static Timestamp At(string rfc3339) =>
        Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
}
