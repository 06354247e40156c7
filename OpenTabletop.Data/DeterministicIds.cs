using System.Security.Cryptography;
using System.Text;

namespace OpenTabletop.Data;

/// <summary>
/// Ids derived from a stable name, so that reseeding never changes an id. They carry the UUIDv7
/// version and RFC 9562 variant bits, so they pass the spec's strict UUIDv7 pattern like real keys.
/// </summary>
public static class DeterministicIds
{
    public static Guid For(string kind, string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"opentabletop:{kind}:{name}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
