using OpenTabletop.Api.Http;

namespace OpenTabletop.Api.Votes;

/// <summary>Every problem of a vote's body at once, named by field; values are kept exactly as given or refused, never rounded.</summary>
internal static class VoteValidation
{
    public static readonly string[] ExperienceLevels = ["first_play", "learning", "experienced", "expert"];

    public const int DefaultScale = 10;

    public static List<FieldError> Check(RatingVoteBody body)
    {
        var errors = new List<FieldError>();
        if (body.DeclaredScale is { } scale && scale is < 2 or > 100)
        {
            errors.Add(new("declared_scale", "declared_scale must be a whole number from 2 to 100 (the top of the voter's scale).", "out_of_range"));
        }
        var top = body.DeclaredScale is >= 2 and <= 100 ? body.DeclaredScale.Value : DefaultScale;
        if (body.Rating is not { } rating)
        {
            errors.Add(new("rating", "rating is required.", "required"));
        }
        else if (rating < 1 || rating > top)
        {
            errors.Add(new("rating", $"rating must be from 1 to {top} (the declared scale).", "out_of_range"));
        }
        else if (Places(rating) > 2)
        {
            errors.Add(new("rating", "rating may have at most 2 decimal places.", "too_precise"));
        }
        if (body.PlayCount is { } plays && plays is < 0 or > 100_000)
        {
            errors.Add(new("play_count", "play_count must be a whole number from 0 to 100000.", "out_of_range"));
        }
        CheckLevel(body.ExperienceLevel, errors);
        return errors;
    }

    public static List<FieldError> Check(WeightVoteBody body)
    {
        var errors = new List<FieldError>();
        if (body.Weight is not { } weight) errors.Add(new("weight", "weight is required.", "required"));
        else if (weight < 1 || weight > 5) errors.Add(new("weight", "weight must be from 1.0 to 5.0.", "out_of_range"));
        else if (Places(weight) > 3) errors.Add(new("weight", "weight may have at most 3 decimal places.", "too_precise"));
        return errors;
    }

    public static List<FieldError> Check(PlayLogBody body, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (body.DurationMinutes is not { } minutes) errors.Add(new("duration_minutes", "duration_minutes is required.", "required"));
        else if (minutes is < 1 or > 10_080) errors.Add(new("duration_minutes", "duration_minutes must be from 1 to 10080 (a week).", "out_of_range"));
        if (body.PlayerCount is { } players && players is < 1 or > 100)
        {
            errors.Add(new("player_count", "player_count must be from 1 to 100.", "out_of_range"));
        }
        CheckLevel(body.ExperienceLevel, errors);
        // A day's grace: the voter's calendar may be ahead of UTC.
        if (body.PlayedAt is { } day && (day > today.AddDays(1) || day.Year < 1900))
        {
            errors.Add(new("played_at", "played_at must be a date from 1900 to today.", "out_of_range"));
        }
        return errors;
    }

    private static void CheckLevel(string? level, List<FieldError> errors)
    {
        if (level is not null && !ExperienceLevels.Contains(level, StringComparer.Ordinal))
        {
            errors.Add(new("experience_level", $"experience_level must be one of {string.Join(", ", ExperienceLevels)}.", "invalid_enum"));
        }
    }

    /// <summary>Decimal places that carry a digit (2.50 has one).</summary>
    private static int Places(decimal value)
    {
        value /= 1.0000000000000000000000000000m; // drops trailing zeros
        return (decimal.GetBits(value)[3] >> 16) & 0xFF;
    }
}
