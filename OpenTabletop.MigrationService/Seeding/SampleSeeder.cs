using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTabletop.Data;
using OpenTabletop.Data.Variants;

namespace OpenTabletop.MigrationService.Seeding;

/// <summary>
/// Seeds the spec's sample games (Spirit Island with its six add-ons, and Terraforming Mars) from
/// <c>Seed/sample-games.json</c>: the games and their polls, taxonomy links, relationships,
/// per-expansion deltas and explicit combinations, plus credits, publishers, a family, editions,
/// an award and alternate names, and the raw votes behind the published rating distributions and
/// weights (<see cref="SampleVotes"/>). Everything is upserted in one transaction;
/// rows are rewritten only when a value differs, and timestamps come from the data, so a second
/// run changes nothing. The taxonomy must be seeded first (<see cref="TaxonomySeeder"/>).
/// </summary>
public sealed class SampleSeeder(NpgsqlDataSource dataSource, ILogger<SampleSeeder> logger)
{
    internal const string FileName = "sample-games.json";

    /// <summary>Per-count average rating (1-5) at or above which a count is "top" / "recommended".</summary>
    internal const decimal TopRatingThreshold = 4.0m;
    internal const decimal RecommendedRatingThreshold = 3.0m;

    private static readonly JsonRowsUpsert Games = new("games", ["id"],
        ("id", "uuid"), ("slug", "text"), ("name", "text"), ("type", "text"), ("parent_game_id", "uuid"),
        ("year_published", "integer"), ("description", "text"), ("description_short", "text"),
        ("min_players", "integer"), ("max_players", "integer"),
        ("min_playtime_minutes", "integer"), ("max_playtime_minutes", "integer"),
        ("community_playtime_min_minutes", "integer"), ("community_playtime_max_minutes", "integer"),
        ("community_playtime_median_minutes", "integer"), ("min_age", "integer"), ("community_suggested_age", "integer"),
        ("weight", "numeric"), ("weight_votes", "integer"), ("average_rating", "numeric"), ("bayes_rating", "numeric"),
        ("rating_count", "integer"), ("rating_stddev", "numeric"), ("rating_distribution", "integer[]"),
        ("rating_confidence", "numeric"), ("rank_overall", "integer"), ("owner_count", "integer"),
        ("wishlist_count", "integer"), ("total_plays", "integer"), ("language_dependence", "text"), ("mode", "text"),
        ("image_url", "text"), ("thumbnail_url", "text"), ("bgg_id", "integer"), ("funding_source", "text"),
        ("canonical_edition_id", "uuid"), ("status", "text"), ("top_player_counts", "integer[]"),
        ("recommended_player_counts", "integer[]"), ("created_at", "timestamptz"), ("updated_at", "timestamptz"));

    private static readonly JsonRowsUpsert GameMechanics = new("game_mechanics", ["game_id", "mechanic_id"], ("game_id", "uuid"), ("mechanic_id", "uuid"));
    private static readonly JsonRowsUpsert GameCategories = new("game_categories", ["game_id", "category_id"], ("game_id", "uuid"), ("category_id", "uuid"));
    private static readonly JsonRowsUpsert GameThemes = new("game_themes", ["game_id", "theme_id"], ("game_id", "uuid"), ("theme_id", "uuid"));

    private static readonly JsonRowsUpsert Families = new("families", ["id"], ("id", "uuid"), ("slug", "text"), ("name", "text"), ("description", "text"));
    private static readonly JsonRowsUpsert GameFamilies = new("game_families", ["game_id", "family_id"], ("game_id", "uuid"), ("family_id", "uuid"));

    private static readonly JsonRowsUpsert People = new("people", ["id"], ("id", "uuid"), ("slug", "text"), ("name", "text"), ("description", "text"));
    private static readonly JsonRowsUpsert GameCredits = new("game_credits", ["game_id", "person_id", "role"],
        ("game_id", "uuid"), ("person_id", "uuid"), ("role", "text"), ("credit_order", "integer"));

    private static readonly JsonRowsUpsert Publishers = new("publishers", ["id"],
        ("id", "uuid"), ("slug", "text"), ("name", "text"), ("description", "text"), ("country", "text"), ("website", "text"));
    private static readonly JsonRowsUpsert GamePublishers = new("game_publishers", ["game_id", "publisher_id"],
        ("game_id", "uuid"), ("publisher_id", "uuid"), ("ordinal", "integer"));

    private static readonly JsonRowsUpsert Editions = new("game_editions", ["id"],
        ("id", "uuid"), ("game_id", "uuid"), ("name", "text"), ("year_published", "integer"), ("language", "text"),
        ("release_status", "text"), ("release_date", "date"), ("is_canonical", "boolean"), ("product_codes", "jsonb"),
        ("dimensions", "jsonb"), ("box_weight", "jsonb"), ("image_url", "text"), ("thumbnail_url", "text"), ("notes", "text"));
    private static readonly JsonRowsUpsert EditionPublishers = new("edition_publishers", ["edition_id", "publisher_id"],
        ("edition_id", "uuid"), ("publisher_id", "uuid"), ("ordinal", "integer"));
    private static readonly JsonRowsUpsert EditionArtists = new("edition_artists", ["edition_id", "person_id"],
        ("edition_id", "uuid"), ("person_id", "uuid"));
    private static readonly JsonRowsUpsert EditionDeltas = new("edition_deltas", ["edition_id"],
        ("edition_id", "uuid"), ("game_id", "uuid"), ("min_players_delta", "integer"), ("max_players_delta", "integer"),
        ("weight_delta", "numeric"), ("playtime_min_delta", "integer"), ("playtime_max_delta", "integer"),
        ("best_at_delta", "integer[]"), ("rules_changes", "text"), ("component_changes", "text"), ("description", "text"));

    private static readonly JsonRowsUpsert Awards = new("awards", ["id"],
        ("id", "uuid"), ("slug", "text"), ("name", "text"), ("description", "text"), ("organization", "text"), ("website", "text"));
    private static readonly JsonRowsUpsert GameAwards = new("game_awards", ["id"],
        ("id", "uuid"), ("game_id", "uuid"), ("award_id", "uuid"), ("year", "integer"), ("result", "text"), ("category", "text"));

    private static readonly JsonRowsUpsert AlternateNames = new("alternate_names", ["id"],
        ("id", "uuid"), ("game_id", "uuid"), ("name", "text"), ("language", "text"), ("is_primary", "boolean"), ("source", "text"));
    private static readonly JsonRowsUpsert ExternalIdentifiers = new("external_identifiers", ["source", "external_id"],
        ("game_id", "uuid"), ("source", "text"), ("external_id", "text"));

    private static readonly JsonRowsUpsert Relationships = new("game_relationships", ["source_game_id", "target_game_id", "relationship_type"],
        ("source_game_id", "uuid"), ("target_game_id", "uuid"), ("relationship_type", "text"), ("ordinal", "integer"), ("metadata", "jsonb"));

    private static readonly JsonRowsUpsert PlayerCountRatings = new("player_count_ratings", ["game_id", "player_count"],
        ("game_id", "uuid"), ("player_count", "integer"), ("average_rating", "numeric"), ("rating_count", "integer"), ("rating_stddev", "numeric"));
    private static readonly JsonRowsUpsert ExperiencePlaytime = new("experience_playtime", ["game_id", "experience_level"],
        ("game_id", "uuid"), ("experience_level", "text"), ("median_minutes", "integer"), ("p10_minutes", "integer"),
        ("p90_minutes", "integer"), ("report_count", "integer"));
    private static readonly JsonRowsUpsert ExperienceProfiles = new("experience_playtime_profiles", ["game_id"],
        ("game_id", "uuid"), ("sufficient_data", "boolean"), ("multiplier_first_play", "numeric"), ("multiplier_learning", "numeric"),
        ("multiplier_experienced", "numeric"), ("multiplier_expert", "numeric"), ("total_reports", "integer"));

    private static readonly JsonRowsUpsert PropertyModifications = new("property_modifications", ["expansion_id", "base_game_id"],
        ("expansion_id", "uuid"), ("base_game_id", "uuid"), ("min_players_delta", "integer"), ("max_players_delta", "integer"),
        ("weight_delta", "numeric"), ("playtime_min_delta", "integer"), ("playtime_max_delta", "integer"),
        ("best_at_delta", "integer[]"), ("min_age_delta", "integer"), ("description", "text"));
    private static readonly JsonRowsUpsert ExpansionCombinations = new("expansion_combinations", ["id"],
        ("id", "uuid"), ("base_game_id", "uuid"), ("expansion_ids", "uuid[]"), ("source", "text"),
        ("effective_min_players", "integer"), ("effective_max_players", "integer"), ("effective_best_at", "integer[]"),
        ("effective_recommended_at", "integer[]"), ("effective_weight", "numeric"), ("effective_playtime_min", "integer"),
        ("effective_playtime_max", "integer"), ("effective_min_age", "integer"));

    public async Task SeedAsync(CancellationToken ct)
    {
        var seed = await SeedResources.LoadAsync<SampleSeedFile>(FileName, ct);
        var ids = new SampleIds(seed);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var vocabulary = await TaxonomyVocabulary.LoadAsync(connection, transaction, ct);
        if (vocabulary.Count(TaxonomySeeder.MechanicKind) == 0)
        {
            throw new InvalidOperationException("The taxonomy is empty: run the TaxonomySeeder before the SampleSeeder.");
        }

        var commands = BuildCommands(seed, ids, vocabulary);
        await JsonRowsUpsert.ExecuteAsync(connection, transaction, commands.Select(c => c.Command).ToList(), ct);
        var votes = await SampleVotes.SeedAsync(connection, seed.Games, ct);
        // Derived rows, rebuilt every time: cheap for a handful of games, and right after a migration
        // added the table to a database whose sample rows were already up to date.
        var variants = await EffectiveVariants.RefreshAsync(connection, [.. seed.Games.Select(g => g.Id)], ct);
        var changed = commands.Where(c => c.Command.RecordsAffected > 0).Select(c => $"{c.Table} {c.Command.RecordsAffected}").ToList();
        if (votes.Ratings > 0) changed.Add($"rating_votes {votes.Ratings}");
        if (votes.Weights > 0) changed.Add($"weight_votes {votes.Weights}");
        // Cached answers of the Api hold the old games; a run that changed nothing keeps them (and every row).
        if (changed.Count > 0) await DataVersions.BumpAsync(connection, "sample seed", ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation(
            "Sample seeded: {Games} games, {Variants} effective variants; rows changed: {Changes}",
            seed.Games.Count, variants.Total, changed.Count == 0 ? "none" : string.Join(", ", changed));
    }

    private List<(string Table, NpgsqlBatchCommand Command)> BuildCommands(SampleSeedFile seed, SampleIds ids, TaxonomyVocabulary vocabulary)
    {
        var canonicalEditions = seed.Editions.Where(e => e.IsCanonical)
            .GroupBy(e => e.Game)
            .ToDictionary(g => g.Key, g => g.Count() == 1
                ? ids.Edition(g.Single().Key)
                : throw new InvalidOperationException($"Game '{g.Key}' has more than one canonical edition."));

        var commands = new List<(string, NpgsqlBatchCommand)>();
        void Add(JsonRowsUpsert table, IEnumerable<object> rows) => commands.Add((table.Table, table.Command(rows)));

        Add(Games, seed.Games.Select(g =>
        {
            var ratings = g.PlayerCountRatings;
            return (object)new
            {
                id = g.Id, slug = g.Slug, name = g.Name, type = g.Type,
                parent_game_id = g.Parent is null ? (Guid?)null : ids.Game(g.Parent),
                year_published = g.YearPublished, description = g.Description, description_short = g.DescriptionShort,
                min_players = g.MinPlayers, max_players = g.MaxPlayers,
                min_playtime_minutes = g.MinPlaytimeMinutes, max_playtime_minutes = g.MaxPlaytimeMinutes,
                community_playtime_min_minutes = g.CommunityPlaytimeMinMinutes,
                community_playtime_max_minutes = g.CommunityPlaytimeMaxMinutes,
                community_playtime_median_minutes = g.CommunityPlaytimeMedianMinutes,
                min_age = g.MinAge, community_suggested_age = g.CommunitySuggestedAge,
                weight = g.Weight, weight_votes = g.WeightVotes, average_rating = g.AverageRating, bayes_rating = g.BayesRating,
                rating_count = g.RatingCount, rating_stddev = g.RatingStddev, rating_distribution = g.RatingDistribution,
                rating_confidence = g.RatingConfidence, rank_overall = g.RankOverall, owner_count = g.OwnerCount,
                wishlist_count = g.WishlistCount, total_plays = g.TotalPlays, language_dependence = g.LanguageDependence,
                mode = g.Mode, image_url = g.ImageUrl, thumbnail_url = g.ThumbnailUrl, bgg_id = g.BggId,
                funding_source = g.FundingSource,
                canonical_edition_id = canonicalEditions.TryGetValue(g.Slug, out var edition) ? edition : (Guid?)null,
                status = g.Status,
                top_player_counts = CountsAtOrAbove(ratings, TopRatingThreshold),
                recommended_player_counts = CountsAtOrAbove(ratings, RecommendedRatingThreshold),
                created_at = g.CreatedAt, updated_at = g.UpdatedAt,
            };
        }));

        Add(GameMechanics, TermLinks(seed, vocabulary, TaxonomySeeder.MechanicKind, g => g.Mechanics)
            .Select(l => new { game_id = l.GameId, mechanic_id = l.TermId }));
        Add(GameCategories, TermLinks(seed, vocabulary, TaxonomySeeder.CategoryKind, g => g.Categories)
            .Select(l => new { game_id = l.GameId, category_id = l.TermId }));
        Add(GameThemes, TermLinks(seed, vocabulary, TaxonomySeeder.ThemeKind, g => g.Themes)
            .Select(l => new { game_id = l.GameId, theme_id = l.TermId }));

        Add(Families, seed.Families.Select(f => new { id = ids.Family(f.Slug), slug = f.Slug, name = f.Name, description = f.Description }));
        Add(GameFamilies, seed.Families.SelectMany(f => f.Games.Select(game => new { game_id = ids.Game(game), family_id = ids.Family(f.Slug) })));

        Add(People, seed.People.Select(p => new { id = ids.Person(p.Slug), slug = p.Slug, name = p.Name, description = p.Description }));
        Add(GameCredits, seed.Credits.Select(c => new
        {
            game_id = ids.Game(c.Game), person_id = ids.Person(c.Person), role = c.Role, credit_order = c.CreditOrder,
        }));

        Add(Publishers, seed.Publishers.Select(p => new
        {
            id = ids.Publisher(p.Slug), slug = p.Slug, name = p.Name, description = p.Description, country = p.Country, website = p.Website,
        }));
        Add(GamePublishers, seed.GamePublishers.Select(p => new
        {
            game_id = ids.Game(p.Game), publisher_id = ids.Publisher(p.Publisher), ordinal = p.Ordinal,
        }));

        Add(Editions, seed.Editions.Select(e => new
        {
            id = ids.Edition(e.Key), game_id = ids.Game(e.Game), name = e.Name, year_published = e.YearPublished,
            language = e.Language, release_status = e.ReleaseStatus, release_date = e.ReleaseDate, is_canonical = e.IsCanonical,
            product_codes = e.ProductCodes is { } codes ? (object)codes : Array.Empty<object>(),
            dimensions = e.Dimensions, box_weight = e.BoxWeight, image_url = e.ImageUrl, thumbnail_url = e.ThumbnailUrl,
            notes = e.Notes,
        }));
        Add(EditionPublishers, seed.Editions.SelectMany(e => e.Publishers.Select((publisher, ordinal) => new
        {
            edition_id = ids.Edition(e.Key), publisher_id = ids.Publisher(publisher), ordinal,
        })));
        Add(EditionArtists, seed.Editions.SelectMany(e => e.Artists.Select(artist => new
        {
            edition_id = ids.Edition(e.Key), person_id = ids.Person(artist),
        })));
        Add(EditionDeltas, seed.Editions.Where(e => e.Delta is not null).Select(e => new
        {
            edition_id = ids.Edition(e.Key), game_id = ids.Game(e.Game),
            min_players_delta = e.Delta!.MinPlayersDelta, max_players_delta = e.Delta.MaxPlayersDelta,
            weight_delta = e.Delta.WeightDelta, playtime_min_delta = e.Delta.PlaytimeMinDelta,
            playtime_max_delta = e.Delta.PlaytimeMaxDelta, best_at_delta = e.Delta.BestAtDelta,
            rules_changes = e.Delta.RulesChanges, component_changes = e.Delta.ComponentChanges, description = e.Delta.Description,
        }));

        Add(Awards, seed.Awards.Select(a => new
        {
            id = ids.Award(a.Slug), slug = a.Slug, name = a.Name, description = a.Description, organization = a.Organization, website = a.Website,
        }));
        Add(GameAwards, seed.GameAwards.Select(a => new
        {
            id = DeterministicIds.For("game-award", $"{a.Game}/{a.Award}/{a.Year}/{a.Category}"),
            game_id = ids.Game(a.Game), award_id = ids.Award(a.Award), year = a.Year, result = a.Result, category = a.Category,
        }));

        Add(AlternateNames, seed.AlternateNames.Select(n => new
        {
            id = DeterministicIds.For("alternate-name", $"{n.Game}/{n.Language}/{n.Name}"),
            game_id = ids.Game(n.Game), name = n.Name, language = n.Language, is_primary = n.IsPrimary, source = n.Source,
        }));
        Add(ExternalIdentifiers, seed.Games.SelectMany(g => g.Identifiers.Select(i => new
        {
            game_id = g.Id, source = i.Source, external_id = i.ExternalId,
        })));

        Add(Relationships, seed.Relationships.Select(r => new
        {
            source_game_id = ids.Game(r.Source), target_game_id = ids.Game(r.Target), relationship_type = r.Type,
            ordinal = r.Ordinal, metadata = r.Metadata is { } metadata ? (object)metadata : new { },
        }));

        Add(PlayerCountRatings, seed.Games.SelectMany(g => g.PlayerCountRatings.Select(r => new
        {
            game_id = g.Id, player_count = r.PlayerCount, average_rating = r.AverageRating,
            rating_count = r.RatingCount, rating_stddev = r.RatingStddev,
        })));
        var experienced = seed.Games.Where(g => g.ExperiencePlaytime is not null).ToList();
        Add(ExperiencePlaytime, experienced.SelectMany(g => g.ExperiencePlaytime!.Levels.Select(l => new
        {
            game_id = g.Id, experience_level = l.ExperienceLevel, median_minutes = l.MedianMinutes,
            p10_minutes = l.P10Minutes, p90_minutes = l.P90Minutes, report_count = l.ReportCount,
        })));
        Add(ExperienceProfiles, experienced.Select(g => new
        {
            game_id = g.Id, sufficient_data = g.ExperiencePlaytime!.SufficientData,
            multiplier_first_play = g.ExperiencePlaytime.Multipliers.FirstPlay,
            multiplier_learning = g.ExperiencePlaytime.Multipliers.Learning,
            multiplier_experienced = g.ExperiencePlaytime.Multipliers.Experienced,
            multiplier_expert = g.ExperiencePlaytime.Multipliers.Expert,
            total_reports = g.ExperiencePlaytime.Levels.Sum(l => l.ReportCount),
        }));

        Add(PropertyModifications, seed.PropertyModifications.Select(m => new
        {
            expansion_id = ids.Game(m.Expansion), base_game_id = ids.Game(m.Base),
            min_players_delta = m.MinPlayersDelta, max_players_delta = m.MaxPlayersDelta, weight_delta = m.WeightDelta,
            playtime_min_delta = m.PlaytimeMinDelta, playtime_max_delta = m.PlaytimeMaxDelta,
            best_at_delta = m.BestAtDelta, min_age_delta = m.MinAgeDelta, description = m.Description,
        }));
        Add(ExpansionCombinations, seed.ExpansionCombinations.Select(c => new
        {
            id = DeterministicIds.For("expansion-combination", $"{c.Base}/{string.Join('+', c.Expansions.Order(StringComparer.Ordinal))}"),
            base_game_id = ids.Game(c.Base),
            expansion_ids = SortedAsPostgres(c.Expansions.Select(ids.Game)),
            source = c.Source, effective_min_players = c.EffectiveMinPlayers, effective_max_players = c.EffectiveMaxPlayers,
            effective_best_at = c.EffectiveBestAt, effective_recommended_at = c.EffectiveRecommendedAt,
            effective_weight = c.EffectiveWeight, effective_playtime_min = c.EffectivePlaytimeMin,
            effective_playtime_max = c.EffectivePlaytimeMax, effective_min_age = c.EffectiveMinAge,
        }));

        return commands;
    }

    /// <summary>The player counts whose average rating reaches <paramref name="threshold"/>; null without ratings.</summary>
    internal static int[]? CountsAtOrAbove(IReadOnlyList<SamplePlayerCountRating> ratings, decimal threshold) =>
        ratings.Count == 0
            ? null
            : [.. ratings.Where(r => r.AverageRating >= threshold).Select(r => r.PlayerCount).Order()];

    /// <summary>
    /// Sorted in PostgreSQL's uuid order (bytewise, which is the order of the lower-case hex text),
    /// so that the unique (base_game_id, expansion_ids) constraint means set equality.
    /// </summary>
    internal static Guid[] SortedAsPostgres(IEnumerable<Guid> ids) =>
        [.. ids.Distinct().OrderBy(id => id.ToString("D"), StringComparer.Ordinal)];

    private IEnumerable<(Guid GameId, Guid TermId)> TermLinks(
        SampleSeedFile seed, TaxonomyVocabulary vocabulary, string kind, Func<SampleGame, IReadOnlyList<string>> slugs)
    {
        foreach (var game in seed.Games)
        {
            var linked = new HashSet<Guid>();
            foreach (var slug in slugs(game))
            {
                if (vocabulary.Resolve(kind, slug) is not { } term)
                {
                    logger.LogInformation("Sample {Kind} '{Slug}' of {Game} has no match in the vocabulary; not linked", kind, slug, game.Slug);
                    continue;
                }

                if (term.Slug != slug)
                {
                    logger.LogInformation("Sample {Kind} '{Slug}' of {Game} linked as '{Canonical}' (via {Via})", kind, slug, game.Slug, term.Slug, term.Via);
                }

                if (linked.Add(term.Id))
                {
                    yield return (game.Id, term.Id);
                }
            }
        }
    }

    /// <summary>Slug-to-id resolution for the sample file; an unknown reference is a seed-file bug.</summary>
    private sealed class SampleIds(SampleSeedFile seed)
    {
        private readonly Dictionary<string, Guid> _games = seed.Games.ToDictionary(g => g.Slug, g => g.Id, StringComparer.Ordinal);
        private readonly HashSet<string> _people = seed.People.Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);
        private readonly HashSet<string> _publishers = seed.Publishers.Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);
        private readonly HashSet<string> _families = seed.Families.Select(f => f.Slug).ToHashSet(StringComparer.Ordinal);
        private readonly HashSet<string> _awards = seed.Awards.Select(a => a.Slug).ToHashSet(StringComparer.Ordinal);
        private readonly HashSet<string> _editions = seed.Editions.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

        public Guid Game(string slug) =>
            _games.TryGetValue(slug, out var id) ? id : throw Unknown("game", slug);

        public Guid Person(string slug) => Known(_people, "person", slug);

        public Guid Publisher(string slug) => Known(_publishers, "publisher", slug);

        public Guid Family(string slug) => Known(_families, "family", slug);

        public Guid Award(string slug) => Known(_awards, "award", slug);

        public Guid Edition(string key) => Known(_editions, "edition", key);

        private static Guid Known(HashSet<string> known, string kind, string name) =>
            known.Contains(name) ? DeterministicIds.For(kind, name) : throw Unknown(kind, name);

        private static InvalidOperationException Unknown(string kind, string name) =>
            new($"{FileName} refers to unknown {kind} '{name}'.");
    }
}
