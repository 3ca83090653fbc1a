import { z } from "zod";
import { Num, TimestampSchema } from "../common.ts";
import { MealTypeSchema, NutritionUnitsSchema, TimestampLocalizationSchema } from "../enums.ts";

export const DrinkSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  drink_volume: Num.nullish(),
  drink_unit: NutritionUnitsSchema.nullish(),
  drink_name: z.string().nullish(),
});
export type DrinkSample = z.infer<typeof DrinkSampleSchema>;

export const NutritionMicrosSchema = z.looseObject({
  biotin_mg: Num.nullish(),
  caffeine_mg: Num.nullish(),
  calcium_mg: Num.nullish(),
  sodium_mg: Num.nullish(),
  chloride_mg: Num.nullish(),
  chromium_mg: Num.nullish(),
  copper_mg: Num.nullish(),
  folate_mg: Num.nullish(),
  folic_acid_mg: Num.nullish(),
  iodine_mg: Num.nullish(),
  iron_mg: Num.nullish(),
  magnesium_mg: Num.nullish(),
  manganese_mg: Num.nullish(),
  molybdenum_mg: Num.nullish(),
  niacin_mg: Num.nullish(),
  pantothenic_acid_mg: Num.nullish(),
  phosphorus_mg: Num.nullish(),
  potassium_mg: Num.nullish(),
  riboflavin_mg: Num.nullish(),
  selenium_mg: Num.nullish(),
  thiamin_mg: Num.nullish(),
  vitamin_A_mg: Num.nullish(),
  vitamin_B12_mg: Num.nullish(),
  vitamin_B6_mg: Num.nullish(),
  vitamin_C_mg: Num.nullish(),
  vitamin_D_mg: Num.nullish(),
  vitamin_D2_mg: Num.nullish(),
  vitamin_D3_mg: Num.nullish(),
  vitamin_E_mg: Num.nullish(),
  vitamin_K_mg: Num.nullish(),
  zinc_mg: Num.nullish(),
  cystine_g: Num.nullish(),
  histidine_g: Num.nullish(),
  isoleucine_g: Num.nullish(),
  leucine_g: Num.nullish(),
  lysine_g: Num.nullish(),
  methionine_g: Num.nullish(),
  phenylalanine_g: Num.nullish(),
  threonine_g: Num.nullish(),
  tryptophan_g: Num.nullish(),
  tyrosine_g: Num.nullish(),
  valine_g: Num.nullish(),
  monounsaturated_fat_g: Num.nullish(),
  polyunsaturated_fat_g: Num.nullish(),
  omega3_g: Num.nullish(),
  omega6_g: Num.nullish(),
  starch_g: Num.nullish(),
});
export type NutritionMicros = z.infer<typeof NutritionMicrosSchema>;

export const NutritionQuantitySchema = z.looseObject({
  unit: NutritionUnitsSchema,
  amount: Num,
});
export type NutritionQuantity = z.infer<typeof NutritionQuantitySchema>;

export const NutritionMacrosSchema = z.looseObject({
  alcohol_g: Num.nullish(),
  calories: Num.nullish(),
  carbohydrates_g: Num.nullish(),
  cholesterol_mg: Num.nullish(),
  fat_g: Num.nullish(),
  fiber_g: Num.nullish(),
  net_carbohydrates_g: Num.nullish(),
  protein_g: Num.nullish(),
  saturated_fat_g: Num.nullish(),
  sodium_mg: Num.nullish(),
  sugar_g: Num.nullish(),
  trans_fat_g: Num.nullish(),
});
export type NutritionMacros = z.infer<typeof NutritionMacrosSchema>;

export const MealSchema = z.looseObject({
  micros: NutritionMicrosSchema,
  type: MealTypeSchema,
  id: z.string(),
  timestamp: TimestampSchema,
  quantity: NutritionQuantitySchema,
  name: z.string(),
  macros: NutritionMacrosSchema,
});
export type Meal = z.infer<typeof MealSchema>;

export const NutritionMetadataSchema = z.looseObject({
  end_time: TimestampSchema,
  start_time: TimestampSchema,
  timestamp_localization: TimestampLocalizationSchema.nullish(),
});
export type NutritionMetadata = z.infer<typeof NutritionMetadataSchema>;

export const NutritionSummarySchema = z.looseObject({
  macros: NutritionMacrosSchema.nullish(),
  micros: NutritionMicrosSchema.nullish(),
  water_ml: Num.nullish(),
  drink_ml: Num.nullish(),
});
export type NutritionSummary = z.infer<typeof NutritionSummarySchema>;

export const NutritionSchema = z.looseObject({
  drink_samples: z.array(DrinkSampleSchema).nullish(),
  meals: z.array(MealSchema).nullish(),
  metadata: NutritionMetadataSchema,
  summary: NutritionSummarySchema.nullish(),
});
export type Nutrition = z.infer<typeof NutritionSchema>;
