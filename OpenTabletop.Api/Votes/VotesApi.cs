using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using OpenTabletop.Api.Games;
using OpenTabletop.Api.Http;
using OpenTabletop.Api.Http.ApiKeys;
using OpenTabletop.Api.Http.OpenApi;
using OpenTabletop.Api.Maintenance;
using OpenTabletop.Data;

namespace OpenTabletop.Api.Votes;

/// <summary>
/// Tier 1 input (append-only): rating votes, weight votes and play logs, each for one game, each
/// needing an API key with the write scope. They change no aggregate until the Materializer's next run.
/// </summary>
public static class VotesApi
{
    public static RouteGroupBuilder MapVotesApi(this RouteGroupBuilder games)
    {
        games.MapPost("/{id}/ratings", PostRating).WithName("rateGame").WithSummary("Submit a rating vote").Votes<RatingVoteResponse>();
        games.MapPost("/{id}/weight", PostWeight).WithName("weighGame").WithSummary("Submit a weight (complexity) vote").Votes<WeightVoteResponse>();
        games.MapPost("/{id}/plays", PostPlay).WithName("logPlay").WithSummary("Log a play (duration, players, experience)").Votes<PlayLogResponse>();
        games.MapGet("/{id}/ratings/{voteId:guid}", GetRating).WithName("getRatingVote").WithSummary("A rating vote").WithTags("Votes")
            .ProducesProblems(StatusCodes.Status404NotFound);
        games.MapGet("/{id}/weight/{voteId:guid}", GetWeight).WithName("getWeightVote").WithSummary("A weight vote").WithTags("Votes")
            .ProducesProblems(StatusCodes.Status404NotFound);
        games.MapGet("/{id}/plays/{voteId:guid}", GetPlay).WithName("getPlayLog").WithSummary("A logged play").WithTags("Votes")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return games;
    }

    public static IServiceCollection AddVotesApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(VoteSettings.From(configuration)).AddSingleton<VoteWriter>().AddSingleton<VoteQueries>()
            .AddHostedService<IdempotencyCleanup>();

    private static RouteHandlerBuilder Votes<T>(this RouteHandlerBuilder endpoint) => endpoint
        .WithTags("Votes")
        .RequireScope(ApiClient.WriteScope)
        .WritesData()
        .Produces<T>(StatusCodes.Status201Created)
        .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
            StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests,
            StatusCodes.Status503ServiceUnavailable);

    internal static async Task<IResult> PostRating(
        string id, RatingVoteBody body, HttpContext http, VoteQueries queries, VoteWriter writer, OpenTabletopDbContext db, CancellationToken ct)
    {
        var errors = VoteValidation.Check(body);
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The rating vote has invalid values.", errors);
        if (await queries.FindGameAsync(id, ct) is not { } game) return await GameSubresources.MissingAsync(db, id, ct);

        var scale = body.DeclaredScale ?? VoteValidation.DefaultScale;
        var canonical = new { body.Rating, DeclaredScale = scale, body.PlayCount, body.ExperienceLevel };
        return await writer.WriteAsync(http, game, VoteKind.Rating, canonical, (connection, transaction, voteId) =>
            queries.InsertRatingAsync(connection, transaction, voteId, game, body.Rating!.Value, scale, body.PlayCount, body.ExperienceLevel,
                http.GetApiClient().KeyId!.Value, ct), ct);
    }

    internal static async Task<IResult> PostWeight(
        string id, WeightVoteBody body, HttpContext http, VoteQueries queries, VoteWriter writer, OpenTabletopDbContext db, CancellationToken ct)
    {
        var errors = VoteValidation.Check(body);
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The weight vote has invalid values.", errors);
        if (await queries.FindGameAsync(id, ct) is not { } game) return await GameSubresources.MissingAsync(db, id, ct);

        return await writer.WriteAsync(http, game, VoteKind.Weight, new { body.Weight }, (connection, transaction, voteId) =>
            queries.InsertWeightAsync(connection, transaction, voteId, game, body.Weight!.Value, http.GetApiClient().KeyId!.Value, ct), ct);
    }

    internal static async Task<IResult> PostPlay(
        string id, PlayLogBody body, HttpContext http, VoteQueries queries, VoteWriter writer, OpenTabletopDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = VoteValidation.Check(body, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (errors.Count > 0) return Problems.Create(StatusCodes.Status400BadRequest, "The play has invalid values.", errors);
        if (await queries.FindGameAsync(id, ct) is not { } game) return await GameSubresources.MissingAsync(db, id, ct);

        var campaign = body.IsCampaign ?? false;
        var canonical = new { body.DurationMinutes, body.PlayerCount, body.ExperienceLevel, IsCampaign = campaign, body.PlayedAt };
        return await writer.WriteAsync(http, game, VoteKind.Play, canonical, (connection, transaction, voteId) =>
            queries.InsertPlayAsync(connection, transaction, voteId, game, body.DurationMinutes!.Value, body.PlayerCount, body.ExperienceLevel,
                campaign, body.PlayedAt, http.GetApiClient().KeyId!.Value, ct), ct);
    }

    internal static async Task<Results<Ok<RatingVoteResponse>, ProblemHttpResult>> GetRating(string id, Guid voteId, VoteQueries queries, CancellationToken ct) =>
        await queries.FindGameAsync(id, ct) is { } game && await queries.RatingAsync(game, voteId, ct) is { } vote
            ? TypedResults.Ok(vote)
            : Problems.NotFound($"No rating vote {voteId:D} for game '{id}'.");

    internal static async Task<Results<Ok<WeightVoteResponse>, ProblemHttpResult>> GetWeight(string id, Guid voteId, VoteQueries queries, CancellationToken ct) =>
        await queries.FindGameAsync(id, ct) is { } game && await queries.WeightAsync(game, voteId, ct) is { } vote
            ? TypedResults.Ok(vote)
            : Problems.NotFound($"No weight vote {voteId:D} for game '{id}'.");

    internal static async Task<Results<Ok<PlayLogResponse>, ProblemHttpResult>> GetPlay(string id, Guid voteId, VoteQueries queries, CancellationToken ct) =>
        await queries.FindGameAsync(id, ct) is { } game && await queries.PlayAsync(game, voteId, ct) is { } play
            ? TypedResults.Ok(play)
            : Problems.NotFound($"No play {voteId:D} for game '{id}'.");
}
