using System.Security.Cryptography;
using System.Text;
using OpenTabletop.ServiceDefaults;

namespace OpenTabletop.Api.Http.ApiKeys;

/// <summary>
/// API_KEY_SALT, the HMAC key API keys are stored under. Required outside Development, and at least
/// 16 bytes: a short or missing salt would let a stolen api_keys table be brute-forced offline.
/// Development without one uses a fixed, published salt (and says so), so a fresh checkout runs.
/// </summary>
public sealed class ApiKeySalt
{
    public const string Variable = "API_KEY_SALT";
    public const int MinimumBytes = 16;

    /// <summary>Only ever used in Development; the warning says keys made with it are not for production.</summary>
    internal const string DevelopmentSalt = "opentabletop-development-salt-not-secret";

    private readonly byte[] _key;

    private ApiKeySalt(byte[] key, bool isDevelopmentDefault)
    {
        _key = key;
        IsDevelopmentDefault = isDevelopmentDefault;
    }

    public bool IsDevelopmentDefault { get; }

    public static ApiKeySalt From(IConfiguration configuration, IHostEnvironment environment)
    {
        var raw = configuration[Variable];
        if (string.IsNullOrEmpty(raw))
        {
            if (environment.IsDevelopment()) return new ApiKeySalt(Encoding.UTF8.GetBytes(DevelopmentSalt), true);
            throw new ConfigurationException(Variable, $"is required outside Development (at least {MinimumBytes} bytes, e.g. `openssl rand -base64 32`).");
        }
        var bytes = Encoding.UTF8.GetBytes(raw);
        if (bytes.Length < MinimumBytes)
        {
            throw new ConfigurationException(Variable, $"must be at least {MinimumBytes} bytes, not {bytes.Length}.");
        }
        return new ApiKeySalt(bytes, false);
    }

    /// <summary>HMAC-SHA256 of the plaintext key: what api_keys.key_hash holds.</summary>
    public byte[] Hash(string plaintext) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(plaintext));
}
