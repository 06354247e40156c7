namespace OpenTabletop.MigrationService.Seeding.Synthetic;

/// <summary>Word lists for invented names. Plain English words, so that generated games are searchable.</summary>
internal static class SyntheticWords
{
    public static readonly string[] Adjectives =
    [
        "Ember", "Iron", "Silver", "Golden", "Crimson", "Hidden", "Lost", "Sunken", "Frozen", "Shattered",
        "Forgotten", "Wild", "Ancient", "Silent", "Burning", "Hollow", "Twilight", "Radiant", "Verdant", "Stormy",
        "Gilded", "Broken", "Distant", "Endless", "Savage", "Obsidian", "Azure", "Scarlet", "Northern", "Southern",
        "Eastern", "Western", "Rising", "Fallen", "Cursed", "Clockwork", "Copper", "Marble", "Velvet", "Amber",
        "Jade", "Ivory", "Midnight", "Emerald", "Starlit", "Misty", "Thunder", "Painted", "Secret", "Royal",
        "Drifting", "Feral", "Lunar", "Solar", "Brass", "Granite", "Coral", "Whispering", "Restless", "Wandering",
    ];

    public static readonly string[] Nouns =
    [
        "Harbor", "Kingdom", "Empire", "Frontier", "Citadel", "Forest", "River", "Canyon", "Island", "Valley",
        "Dominion", "Expedition", "Caravan", "Dynasty", "Colony", "Orchard", "Lighthouse", "Railway", "Bazaar", "Monastery",
        "Labyrinth", "Voyage", "Tides", "Crown", "Throne", "Garden", "Meadow", "Summit", "Outpost", "Reef",
        "Dunes", "Glacier", "Tundra", "Lagoon", "Vineyard", "Foundry", "Observatory", "Archive", "Sanctuary", "Bastion",
        "Market", "Workshop", "Armada", "Legion", "Council", "Guild", "Covenant", "Chronicle", "Oracle", "Beacon",
        "Lantern", "Compass", "Anchor", "Spire", "Tower", "Gate", "Bridge", "Crossroads", "Mines", "Quarry",
        "Harvest", "Festival", "Carnival", "Heist", "Siege", "Rebellion", "Uprising", "Conquest", "Odyssey", "Saga",
        "Legacy", "Realm", "Wilds", "Marsh", "Steppe", "Highlands", "Archipelago", "Metropolis", "Village", "Hamlet",
    ];

    public static readonly string[] Collectives =
    [
        "Kingdoms", "Lords", "Masters", "Guardians", "Heirs", "Champions", "Shadows", "Echoes", "Tales", "Legends",
        "Songs", "Ruins", "Secrets", "Keepers", "Merchants", "Wardens", "Pilgrims", "Raiders", "Builders", "Explorers",
    ];

    public static readonly string[] Things =
    [
        "Ash", "Stars", "Salt", "Spice", "Steam", "Gold", "Bones", "Dragons", "Pirates", "Robots",
        "Wizards", "Knights", "Gnomes", "Bees", "Foxes", "Owls", "Trains", "Ships", "Castles", "Gems",
        "Dice", "Runes", "Spirits", "Giants", "Rivers", "Kings", "Queens", "Tigers", "Wolves", "Lanterns",
        "Mushrooms", "Whales", "Comets", "Crystals", "Feathers", "Clocks", "Maps", "Potions", "Islands", "Storms",
    ];

    public static readonly string[] Places =
    [
        "Aldermoor", "Brightwater", "Cinderfall", "Dunmere", "Eastmarch", "Frosthollow", "Greywind", "Highmoor", "Ironvale", "Larkspur",
        "Mistral", "Northreach", "Oakheart", "Pinecrest", "Ravenholm", "Saltmarsh", "Stonebridge", "Thornwood", "Valemont", "Westerly",
        "Wyrmwood", "Yarrow", "Zephyria", "Amberfield", "Blackwater", "Deepwell", "Emberlyn", "Goldcrest", "Hollowmere", "Kestrel",
    ];

    public static readonly string[] FirstNames =
    [
        "Alex", "Morgan", "Sam", "Jordan", "Taylor", "Casey", "Riley", "Jamie", "Robin", "Avery",
        "Quinn", "Elena", "Marco", "Yuki", "Priya", "Tomasz", "Ingrid", "Mateo", "Amara", "Lars",
        "Chen", "Hana", "Omar", "Sofia", "Nikolai", "Leila", "Rafael", "Astrid", "Kenji", "Nadia",
        "Felix", "Greta", "Ivan", "Aisha", "Bruno", "Clara", "Dmitri", "Emil", "Farah", "Gabriel",
        "Hugo", "Isla", "Jonas", "Kira", "Luca", "Maya", "Nils", "Olga", "Pablo", "Rosa",
        "Stefan", "Tara", "Umar", "Vera", "Wen", "Xavier", "Yara", "Zoltan", "Anya", "Beatriz",
        "Cyrus", "Daria", "Elias", "Freya", "Goran", "Helena", "Ismael", "Jana", "Karim", "Lena",
        "Milo", "Noor", "Oskar", "Petra", "Rhea", "Silas", "Thea", "Viktor", "Ada", "Basil",
    ];

    public static readonly string[] LastNames =
    [
        "Moreau", "Lindqvist", "Okafor", "Tanaka", "Novak", "Fischer", "Rossi", "Silva", "Kowalski", "Haddad",
        "Jensen", "Murphy", "Petrov", "Castillo", "Nakamura", "Schulz", "Dubois", "Andersen", "Kim", "Park",
        "Costa", "Horvat", "Nieminen", "Bauer", "Ferreira", "Varga", "Larsen", "Mendes", "Weber", "Popescu",
        "Ibrahim", "Sato", "Ortega", "Brandt", "Kaur", "Wojcik", "Marino", "Svoboda", "Keller", "Lopez",
        "Meyer", "Nilsson", "Olsen", "Quintero", "Richter", "Sandoval", "Takahashi", "Ueda", "Vasquez", "Wagner",
        "Yilmaz", "Zimmermann", "Abbott", "Blackwood", "Carver", "Delacroix", "Ellery", "Fairbanks", "Galloway", "Hartley",
        "Ingram", "Jaworski", "Kingsley", "Lockwood", "Merriweather", "Northcott", "Ashdown", "Pemberton", "Quill", "Radcliffe",
        "Sterling", "Thorne", "Underhill", "Vance", "Whitlock", "Yardley", "Zeller", "Ainsworth", "Bellamy", "Crane",
    ];

    public static readonly string[] PublisherSuffixes = ["Games", "Studio", "Press", "Publishing", "Editions", "Workshop"];

    public static readonly string[] Roles =
    [
        "rival merchants", "a band of explorers", "competing guilds", "ambitious architects", "desperate survivors",
        "scheming nobles", "rival captains", "wandering druids", "clever engineers", "young wizards",
        "weary pilgrims", "bold smugglers", "patient gardeners", "ruthless generals", "curious scholars",
    ];

    public static readonly string[] Goals =
    [
        "race to build the most prosperous {noun}", "explore the {adj} {noun} to uncover its secrets",
        "trade goods along the roads of {place}", "defend the {noun} against waves of invaders",
        "collect sets of rare {things}", "bid for control of the {noun}", "expand their {noun} tile by tile",
        "manage scarce resources through a harsh winter in {place}", "chart a course across the {adj} {noun}",
        "restore the {adj} {noun} to its former glory",
    ];

    public static readonly string[] Closers =
    [
        "Each round brings new choices, and the game ends when the last {thing} is claimed.",
        "Careful planning matters more than luck, though the dice can still surprise you.",
        "Short turns keep everyone involved, and no two games of {name} play the same way.",
        "Victory goes to whoever earns the most renown by the end of the final season.",
        "A modular board and asymmetric starting positions reward repeated plays.",
    ];

    public static readonly string[] AddOnContents =
    [
        "new {things}, a {adj} {noun} module and fresh scenarios",
        "an additional faction, new cards and a campaign set in {place}",
        "a solo mode, new objectives and {adj} {things}",
        "extra components and a variant that rewards careful {noun} building",
        "new characters, events and a {adj} {noun} board",
    ];

    public static readonly string[] AccessoryNames = ["Deluxe Organizer", "Playmat", "Metal Coin Set", "Sleeve Pack", "Upgrade Pack", "Token Set"];
}
