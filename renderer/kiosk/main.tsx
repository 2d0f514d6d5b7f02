import '../ui/theme/screen.css';
import { startScreen } from '../ui/start-screen';

startScreen({ titleKey: 'kiosk.title', introKey: 'kiosk.waiting' });
