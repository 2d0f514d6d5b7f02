import '../ui/zod-without-eval';
import '../ui/theme/screen.css';
import { startScreen } from '../ui/start-screen';

startScreen({ titleKey: 'console.title', introKey: 'console.waiting' });
