import { z } from "zod";

const regionSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

export const prefectureWithCountiesSchema = regionSchema.extend({ counties: z.array(regionSchema) });

export const regionsSchema = z.object({ prefectures: z.array(prefectureWithCountiesSchema) });
