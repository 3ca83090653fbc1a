// The day's activity totals (Terra's Daily, which grows through the day: a later copy replaces
// them) and workouts (Terra's Activity, one document per session).
import { define, type Entry } from "./define.ts";

function day(e: Omit<Entry, "group" | "model" | "kind">): Entry {
  return { group: "activity", model: "daily", kind: "daily", ...e };
}
function workout(e: Omit<Entry, "group" | "model" | "kind">): Entry {
  return { group: "workout", model: "activity", kind: "session", ...e };
}

export const ACTIVITY_MEASUREMENTS = define([
  day({
    code: 70,
    name: "steps",
    label: "Steps",
    unit: "{steps}",
    path: "distance_data.steps",
    aggregation: "sum",
    description: "Steps of the day",
  }),
  day({
    code: 71,
    name: "distance",
    label: "Distance",
    unit: "m",
    path: "distance_data.distance_meters",
    aggregation: "sum",
    description: "Distance walked or run in the day",
  }),
  day({
    code: 72,
    name: "floors",
    label: "Floors",
    unit: "{floors}",
    path: "distance_data.floors_climbed",
    aggregation: "sum",
    description: "Floors climbed in the day",
  }),
  day({
    code: 73,
    name: "active_calories",
    label: "Active calories",
    unit: "kcal",
    path: "calories_data.net_activity_calories",
    aggregation: "sum",
    description: "Energy burned by activity (BMR excluded)",
  }),
  day({
    code: 74,
    name: "total_calories",
    label: "Total calories",
    unit: "kcal",
    path: "calories_data.total_burned_calories",
    aggregation: "sum",
    description: "Energy burned, BMR included",
  }),
  day({
    code: 75,
    name: "active_duration",
    label: "Active time",
    unit: "s",
    path: "active_durations_data.activity_seconds",
    aggregation: "sum",
    description: "Moderate and intense activity time (Withings' active time)",
  }),
  workout({
    code: 80,
    name: "workout_type",
    label: "Workout type",
    unit: "1",
    enum: "ActivityType",
    path: "metadata.type",
    aggregation: "last",
    description: "Terra's ActivityType code of the workout (0 is a real code: in vehicle)",
  }),
  workout({
    code: 81,
    name: "workout_duration",
    label: "Workout duration",
    unit: "s",
    path: "active_durations_data.activity_seconds",
    aggregation: "sum",
    description: "Active time of the workout",
  }),
  workout({
    code: 82,
    name: "workout_distance",
    label: "Workout distance",
    unit: "m",
    path: "distance_data.summary.distance_meters",
    aggregation: "sum",
    description: "Distance of the workout",
  }),
  workout({
    code: 83,
    name: "workout_calories",
    label: "Workout calories",
    unit: "kcal",
    path: "calories_data.total_burned_calories",
    aggregation: "sum",
    description: "Energy burned in the workout",
  }),
  workout({
    code: 84,
    name: "workout_heart_rate",
    label: "Workout heart rate",
    unit: "/min",
    path: "heart_rate_data.summary.avg_hr_bpm",
    aggregation: "mean",
    description: "Mean heart rate of the workout",
  }),
  workout({
    code: 85,
    name: "workout_max_heart_rate",
    label: "Workout peak heart rate",
    unit: "/min",
    path: "heart_rate_data.summary.max_hr_bpm",
    aggregation: "max",
    description: "Highest heart rate of the workout",
  }),
  workout({
    code: 86,
    name: "workout_steps",
    label: "Workout steps",
    unit: "{steps}",
    path: "distance_data.summary.steps",
    aggregation: "sum",
    description: "Steps of the workout",
  }),
]);
